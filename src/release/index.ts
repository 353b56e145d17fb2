/**
 * The release edge: the agent's version line in git (branch `<prefix><a>`, tags `<a>@v<N>`),
 * the committed ledger and audit reports under `releases/<a>/`, the release lock, and the
 * promotion of a gated release candidate. Every git write goes through plumbing or worktrees
 * under the store; the user's branch, index and working tree are never touched.
 *
 * Use (the release loop):
 *   const line = await openReleaseLine(project, agent);
 *   await preflight(line);
 *   const lock = await acquireReleaseLock(project.storeDir, agent);   // re-entrant in-process
 *   await ensureVersionLine(line);                                    // branch at HEAD + <a>@v0 if missing
 *   const current = await currentVersion(line);                       // { version, tag, commit, tip }
 *   ... iteration ...
 *   const result = await recordDecision({ project, agent, iteration, gate, report, usage });
 *   await lock.release();
 */
export { openReleaseLine, ensureVersionLine, reportPath, type ReleaseLine } from './line.js';
export { preflight } from './git/preflight.js';
export { acquireReleaseLock, releaseLockHolder, releaseLockPath, type ReleaseLock, type LockOwner } from './lock.js';
export { currentVersion, nextVersionNumber, type CurrentVersion } from './versions.js';
export { recordDecision, type RecordDecisionInput } from './record.js';
export { diagnoseIteration, type DiagnoseIterationInput } from './diagnose-iteration.js';
export { recordWithAuditReport, type RecordWithReportInput } from './record-with-report.js';
export type { RecordResult, RecordStatus, VersionRef } from './result.js';
export { readLineLedger, readLedgerAt } from './ledger/read.js';
export { parseLedger } from './ledger/parse.js';
export { versionBranch, rcBranchName, versionTag, type VersionLine } from '../core/git/index.js';
export { ledgerEntrySchema, LEDGER_SCHEMA_VERSION, type LedgerEntry, type LedgerDecision } from '../core/ledger.js';
export { promoteIteration, type PromoteOptions, type PromoteResult } from './promote.js';
export { buildAuditReport, renderAuditReport } from './audit-report.js';
export { compareRuns, type RunComparison, type UnconfirmedFlip } from './compare.js';
export { runCheck, readCheckRecord, type CheckResult, type CheckRecord } from './check/index.js';
// The release loop (loop/) and the gate stage (gating/): see their index files.
export { release, runReleaseLine, runIteration, storedStages, stopRule, sampleRanges, prepareDemoRepo, type ReleaseOptions, type ReleaseResult, type IterationStages, type IterationResult, type LineResult, type StopLimits, type StopReason } from './loop/index.js';
export { gateIteration, runGateStage, confirmRound, confirmationRuns, readFlakyMemoryAt, FLAKY_FILE, GATE_FILE, type GateStageResult, type ConfirmationRecord } from './gating/index.js';
export { refusedFromGate, answerText, gatherRefusals, type GatedCandidate } from './history/index.js';
