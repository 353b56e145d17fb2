import { join } from 'node:path';
import type { Project } from '../config/index.js';
import { createAnnotatedTag, ensureVersionLine, versionTag } from '../core/git/index.js';
import { fail } from '../core/errors.js';
import type { LedgerDecision, LedgerEntry } from '../core/ledger.js';
import { silentLogger, type Logger } from '../core/log.js';
import type { GateResult } from '../gate/index.js';
import type { IterationState } from '../store/index.js';
// Not on the synthesis module's surface: the RC worktree synthesis made, removed once recorded.
import { rcWorktreePath, removeRcWorktree } from '../synthesis/git/rc-worktree.js';
import { readCandidateSummary } from '../synthesis/index.js';
import { checkCandidate, refuseExisting } from './candidate.js';
import { killPoint } from './fault.js';
import { completeRecorded } from './finish.js';
import { commitOnto } from './git/commit-onto.js';
import { moveBranch } from './git/move-branch.js';
import { preflight } from './git/preflight.js';
import { buildEntry } from './ledger/entry.js';
import { gatherEvidence } from './ledger/evidence.js';
import { recordMessage, tagMessage } from './ledger/message.js';
import { appendLedger } from './ledger/parse.js';
import { readLedgerAt } from './ledger/read.js';
import { openReleaseLine, reportPath, type ReleaseLine } from './line.js';
import { acquireReleaseLock } from './lock.js';
import { markRecorded } from './mark-iteration.js';
import type { RecordResult } from './result.js';
import { currentVersion, nextVersionNumber, type CurrentVersion } from './versions.js';

export interface RecordDecisionInput {
  project: Project;
  agent: string;
  iteration: IterationState;
  /** The gate's verdict (gate.json); null for an iteration that produced no candidate. */
  gate: GateResult | null;
  /** The audit report (Markdown) committed next to the ledger line. */
  report: string;
  /** Model use of the whole iteration, per role. */
  usage?: LedgerEntry['usage'];
  /** Run ids of the gate's confirmation reruns. */
  confirmationRuns?: string[];
  /** Why there is no candidate (no-candidate only). */
  reason?: string;
  /** The check a person's change was gated by (promote --from-check). */
  origin?: LedgerEntry['origin'];
  /**
   * More files under `releases/<agent>/` committed with the record, by name (`flaky.json`: the
   * gate's flaky memory, which must outlive the store); each replaces the file of that name.
   */
  releaseFiles?: Array<{ name: string; content: string }>;
  /** Do everything but write: no ref, object, lock or store file; the result says what would be done. */
  dryRun?: boolean;
  logger?: Logger;
  /** For tests: the clock of recordedAt. */
  now?: () => Date;
}

/**
 * Records an iteration's decision on the agent's version line: on accept, the line moves to
 * the RC with a commit on top holding the ledger line and the report `v<N>.md`, and the tag
 * `<a>@v<N>` is made; otherwise a commit touching only `releases/<a>/` records it and the
 * blueprint stays exactly as it was. The commit is built first (plumbing, no checkout), the
 * branch then moves by compare-and-swap, the tag comes last: a crash anywhere leaves the old
 * version or the new one, and a rerun finds the iteration in the ledger and completes what is
 * missing (the tag), exactly once. Nothing is forced, rewritten or pushed.
 */
export async function recordDecision(input: RecordDecisionInput): Promise<RecordResult> {
  const decision: LedgerDecision = input.gate?.decision ?? 'no-candidate';
  const dryRun = input.dryRun ?? false;
  const line = await openReleaseLine(input.project, input.agent);
  await preflight(line);
  const lock = dryRun ? undefined : await acquireReleaseLock(line.storeDir, line.agent, { purpose: decision === 'accept' ? 'promote' : 'record' });
  try {
    const start = await ensureVersionLine(line.repo, { prefix: line.prefix, agent: line.agent, create: !dryRun });
    const current = (await currentVersion(line)) ?? notYetMade(line, start.commit);
    const shown = `${line.branch} at ${current.tip.slice(0, 12)}`;
    const ledger = await readLedgerAt(line.repo, current.tip, line.ledgerPath, line.agent, shown);
    const steps = start.created ? [`make the version branch ${line.branch} at ${start.commit.slice(0, 12)} (HEAD)`] : [];
    if (start.startTag) steps.push(`tag the start of the line ${start.startTag}`);

    const recorded = ledger.entries.find((e) => e.iteration === input.iteration.n);
    if (recorded) return await completeRecorded({ line, recorded, decision, tip: current.tip, dryRun, steps, state: input.iteration });

    const candidate = decision === 'accept' ? await checkCandidate(line, input.iteration, current.tip) : undefined;
    const next = decision === 'accept' ? await nextVersionNumber(line) : undefined;
    const version = next === undefined ? null : { number: next, tag: versionTag(line.agent, next) };
    const report = reportPath(line, version ? { version: version.number } : { iteration: input.iteration.n });
    const parent = candidate?.commit ?? current.tip;
    await refuseExisting(line, parent, [report]);

    const entry = buildEntry({
      agent: line.agent,
      iteration: input.iteration,
      decision,
      gate: input.gate,
      version,
      parent: { version: current.version, tag: current.tag, commit: current.commit },
      rcBase: candidate?.base ?? input.iteration.baselineCommit ?? null,
      report,
      evidence: await gatherEvidence(input.project, { baseline: input.iteration.baselineRunId, candidate: input.iteration.rcRunId }),
      usage: input.usage ?? [],
      confirmationRuns: input.confirmationRuns ?? [],
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.origin ? { origin: input.origin } : {}),
      candidate: await readCandidateSummary(input.project.storeDir, input.iteration),
      gatedAt: input.iteration.completed.gate ?? null,
      recordedAt: (input.now ?? (() => new Date()))().toISOString(),
    });
    const message = recordMessage(entry);
    const files = [
      { path: line.ledgerPath, content: appendLedger(ledger.text, entry) },
      { path: report, content: input.report.endsWith('\n') ? input.report : `${input.report}\n` },
      ...(input.releaseFiles ?? []).map((f) => ({ path: `${line.releasesPath}/${releaseFileName(f.name)}`, content: f.content })),
    ];
    steps.push(
      `commit ${files.map((f) => f.path).join(' and ')} on top of ${candidate ? `the RC ${parent.slice(0, 12)}` : `${shown}`}: "${message.split('\n')[0]}"`,
      `move ${line.branch} from ${current.tip.slice(0, 12)} to that commit (compare-and-swap, never forced)`,
    );
    if (version) steps.push(`tag it ${version.tag} (annotated)`);
    const base = { agent: line.agent, iteration: input.iteration.n, decision, branch: line.branch, entry, files: files.map((f) => f.path), previous: versionOf(current) };
    if (dryRun) return { ...base, status: 'dry-run', steps, version: version ? { ...version, commit: null } : versionOf(current), recordCommit: null };

    const commit = await commitOnto(line.repo, { parent, files, message, scratchDir: join(line.storeDir, 'tmp') });
    killPoint('before-branch-move', input.iteration.n);
    await moveBranch(line.repo, line.branch, commit, current.tip, `agentdevel: ${message.split('\n')[0]}`);
    killPoint('after-branch-move', input.iteration.n);
    if (version) await createAnnotatedTag(line.repo, version.tag, commit, tagMessage(entry));
    killPoint('after-tag', input.iteration.n);
    await markRecorded(line.storeDir, input.iteration, decision);
    (input.logger ?? silentLogger).debug(`release: ${steps.join('; ')}`);
    return { ...base, status: version ? 'promoted' : 'recorded', steps, version: version ? { ...version, commit } : versionOf(current), recordCommit: commit };
  } finally {
    // The RC's checkout is done with once its decision is recorded (or recording failed: a rerun restores it from the branch).
    if (!dryRun) await removeRcWorktree(line.repo, rcWorktreePath(line.storeDir, line.agent, input.iteration.n)).catch((error: unknown) => (input.logger ?? silentLogger).warn(`release: the worktree of ${line.agent}'s RC ${input.iteration.n} was not removed: ${(error as Error).message}`));
    await lock?.release();
  }
}

/**
 * A further file under releases/<agent>/ is a plain name that is no record of its own: the
 * ledger and the reports are written only as records, never replaced by a caller's file.
 */
function releaseFileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name === 'ledger.jsonl' || /^(v\d+|iteration-\d+)\.md$/.test(name)) {
    fail('EINTERNAL', `releaseFiles: "${name}" is not a file recordDecision may write next to the ledger (a plain name, not the ledger or a report)`);
  }
  return name;
}

function versionOf(current: CurrentVersion): RecordResult['previous'] {
  return { number: current.version, tag: current.tag, commit: current.commit };
}

/** A dry run on a repository whose version line does not exist yet: it would start at HEAD. */
function notYetMade(line: ReleaseLine, head: string): CurrentVersion {
  return { version: 0, tag: versionTag(line.agent, 0), commit: head, branch: line.branch, tip: head, tagged: false };
}
