import { join } from 'node:path';
import { silentLogger } from '../core/log.js';
import { markCompleted, readIteration, resolveIteration, type IterationState } from '../store/index.js';
import { commitMessage } from './commit-message.js';
import { readEngineerBrief } from './diagnosis-input.js';
import { readCommittedBlueprint } from './git/read-blueprint.js';
import { commitCandidate } from './git/rc-commit.js';
import { candidateRefusal } from './git/candidate-step.js';
import { rcWorktreePath } from './git/rc-worktree.js';
import { ensureVersionLine, openRepo, rcBranchName } from '../core/git/index.js';
import { agentPathIn, warnIfBaselineDiffers } from './blueprint-source.js';
import { lockIteration } from './iteration-lock.js';
import { writeRcFiles, writeSynthesisRecord, type SynthesisRecord } from './iteration-files.js';
import { patchSummary } from './patch-summary.js';
import { askEngineer } from './stage-engineer.js';
import { alreadyCommitted, recordNoCandidate } from './stage-records.js';
import type { SynthesizeStageOptions, SynthesizeStageResult } from './stage-types.js';

/**
 * The synthesize stage on files and git: the iteration's spec.md and diagnosis.json in, the
 * blueprint read from the version line (never the user's working tree), one engineer change
 * validated, then rc.patch, intent.json and synthesis.json written and the RC committed on its
 * own branch in a worktree. Rerunning once the RC commit exists does nothing.
 */
export async function synthesizeIteration(options: SynthesizeStageOptions): Promise<SynthesizeStageResult> {
  const found = await resolveIteration(options.project.storeDir, options.agent, options.iteration);
  if (options.dryRun) return synthesizeLocked(options, found);
  const unlock = await lockIteration(options.project.storeDir, options.agent, found.n);
  try {
    // Read again under the lock: another process may have finished it meanwhile.
    return await synthesizeLocked(options, await readIteration(options.project.storeDir, options.agent, found.n));
  } finally {
    await unlock();
  }
}

async function synthesizeLocked(options: SynthesizeStageOptions, state: IterationState): Promise<SynthesizeStageResult> {
  const { project, agent } = options;
  const logger = options.logger ?? silentLogger;
  const storeDir = project.storeDir;
  if (state.rcCommit && !options.dryRun) return alreadyCommitted(storeDir, state);

  const brief = await readEngineerBrief(storeDir, state);
  const repo = await openRepo(project.root);
  const agentPath = await agentPathIn(repo, project.root, agent);
  const prefix = project.config.release.branchPrefix;
  const line = await ensureVersionLine(repo, { prefix, agent, create: !options.dryRun });
  const baseCommit = state.baselineCommit ?? line.commit;
  if (baseCommit !== line.commit) logger.info(`synthesize: the RC is made from the baseline's commit ${baseCommit.slice(0, 12)}, not the tip of ${line.branch} (${line.commit.slice(0, 12)})`);
  const committed = await readCommittedBlueprint(repo, baseCommit, agentPath, agent, join(repo.root, agentPath));
  await warnIfBaselineDiffers(project, state, committed, logger);
  const base = { branch: line.branch, commit: baseCommit, created: line.created };
  const common = { agent, iteration: state.n, base };

  if (brief.noTarget !== undefined) {
    const reason = `no actionable symptom: ${brief.noTarget}`;
    if (!options.dryRun) await recordNoCandidate(storeDir, state, { status: 'no-target', reason, base, blueprintHash: committed.blueprint.hash, attempts: [] }, project);
    return { ...common, status: 'no-target', reason, attempts: [] };
  }

  const { result, engineer } = await askEngineer(options, state, brief, committed, logger);
  if (!result.ok) {
    const reason = noCandidateReason(result.attempts.length, result.duplicateOf);
    const duplicates = result.duplicateOf.length > 0 ? { duplicateOf: result.duplicateOf } : {};
    if (!options.dryRun) await recordNoCandidate(storeDir, state, { status: 'no-candidate', reason, base, blueprintHash: committed.blueprint.hash, attempts: result.attempts, engineer, ...duplicates }, project);
    return { ...common, status: 'no-candidate', reason, engineer, attempts: result.attempts, ...duplicates };
  }

  const files = patchSummary(result.patch, result.files, committed.blueprint.files);
  const found = { ...common, engineer, patch: result.patch, intent: result.intent, files, attempts: result.attempts };
  if (options.dryRun) return { ...found, status: 'dry-run' };

  const record: SynthesisRecord = {
    agent,
    iteration: state.n,
    status: 'candidate',
    engineer,
    limits: project.config.synthesis,
    base: { branch: base.branch, commit: base.commit },
    blueprintHash: committed.blueprint.hash,
    candidateHash: result.candidateHash,
    files,
    attempts: result.attempts,
  };
  await writeRcFiles(storeDir, state, result.patch, result.intent);
  await writeSynthesisRecord(storeDir, state, record);
  const committing = commitCandidate({
    repo,
    base: base.commit,
    branch: rcBranchName(prefix, agent, state.n),
    worktree: rcWorktreePath(storeDir, agent, state.n),
    agentPath,
    files: result.files,
    candidateHash: result.candidateHash,
    message: commitMessage({ agent, n: state.n, intent: result.intent, simulated: engineer.simulated, base: base.commit, attempts: result.attempts.length }),
  });
  const rc = await committing.catch((error: unknown) => {
    const refused = candidateRefusal(error);
    if (refused === undefined) throw error;
    return { refused };
  });
  if ('refused' in rc) {
    const attempts = [...result.attempts.slice(0, -1), { ...result.attempts[result.attempts.length - 1]!, ok: false, reason: 'commit-failed' as const, message: rc.refused }];
    const reason = `the candidate could not be committed: ${rc.refused}`;
    logger.info(`synthesize: ${reason}`);
    await recordNoCandidate(storeDir, state, { status: 'no-candidate', reason, base, blueprintHash: committed.blueprint.hash, attempts, engineer }, project);
    return { ...common, status: 'no-candidate', reason, engineer, attempts };
  }
  if (rc.reused) logger.info(`synthesize: ${rc.branch} already held this candidate (an earlier run stopped before recording it); recorded it`);
  await writeSynthesisRecord(storeDir, state, { ...record, rcBranch: rc.branch, rcCommit: rc.commit });
  await markCompleted(storeDir, state, 'synthesize', { rcBranch: rc.branch, rcCommit: rc.commit, baselineCommit: base.commit });
  return { ...found, status: 'committed', rcBranch: rc.branch, rcCommit: rc.commit, worktree: rc.worktree };
}

/** `duplicate: …` when some attempt repeated a refused candidate (the reason is read by that word), else no valid patch. */
export function noCandidateReason(attempts: number, duplicateOf: readonly number[]): string {
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'} (synthesis.maxAttempts)`;
  if (duplicateOf.length === 0) return `no valid patch in ${tries}`;
  return `duplicate: the engineer repeated the refused candidate${duplicateOf.length === 1 ? '' : 's'} of iteration ${duplicateOf.join(', ')} and made no new valid one in ${tries}`;
}
