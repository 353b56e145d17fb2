import { readFile } from 'node:fs/promises';
import { versionTag } from '../../core/git/index.js';
import type { GateResult } from '../../gate/index.js';
import type { IterationState } from '../../store/index.js';
import { confirmationRuns } from '../gating/confirm.js';
import { readConfirmation } from '../gating/stage.js';
import { FLAKY_FILE, serializeFlakyMemory } from '../gating/flaky-file.js';
import { reportPath } from '../line.js';
import { recordDecision } from '../record.js';
import { currentVersion, nextVersionNumber } from '../versions.js';
import { reportFiles } from './report-step.js';
import type { StoredContext } from './stored-stages.js';
import { iterationUsage } from './usage.js';

/** What recording an iteration did, or in a dry run would do. */
export interface RecordSummary {
  decision: 'accept' | 'reject' | 'inconclusive' | 'no-candidate';
  status: string;
  /** The version the line holds afterwards (the new one on accept; its commit null in a dry run). */
  version: { number: number; tag: string; commit: string | null };
  previous: { number: number; tag: string };
  recordCommit: string | null;
  steps: string[];
}

/**
 * The record stage: recordDecision with the iteration's audit report, model use, confirmation
 * runs and the gate's flaky memory (flaky.json, next to the ledger). A dry run asks
 * recordDecision what it would do; for an accept, which needs the RC commit a dry run never
 * makes, it says so itself.
 */
export async function recordIteration(ctx: StoredContext, state: IterationState, outcome: { gate: GateResult | null; reason?: string }): Promise<RecordSummary> {
  const { project, line } = ctx;
  const decision = outcome.gate?.decision ?? 'no-candidate';
  if (ctx.dryRun && decision === 'accept') return dryAccept(ctx, state);
  const confirmation = await readConfirmation(project.storeDir, state);
  const result = await recordDecision({
    project,
    agent: ctx.agent,
    iteration: state,
    gate: outcome.gate,
    report: await readFile(reportFiles(project.storeDir, state).md, 'utf8'),
    usage: await iterationUsage(project, state),
    confirmationRuns: confirmationRuns(confirmation),
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.gate ? { releaseFiles: [{ name: FLAKY_FILE, content: serializeFlakyMemory(outcome.gate.flakyMemory) }] } : {}),
    dryRun: ctx.dryRun,
    logger: ctx.logger,
  });
  return {
    decision: result.decision,
    status: result.status,
    version: result.version,
    previous: { number: result.previous.number, tag: result.previous.tag },
    recordCommit: result.recordCommit,
    steps: result.steps,
  };
}

async function dryAccept(ctx: StoredContext, state: IterationState): Promise<RecordSummary> {
  const { line, agent } = ctx;
  const current = await currentVersion(line);
  const next = await nextVersionNumber(line);
  const tag = versionTag(agent, next);
  const report = reportPath(line, { version: next });
  return {
    decision: 'accept',
    status: 'dry-run',
    version: { number: next, tag, commit: null },
    previous: { number: current?.version ?? 0, tag: current?.tag ?? versionTag(agent, 0) },
    recordCommit: null,
    steps: [
      `commit the release candidate of iteration ${state.n} on its branch ${line.prefix}${agent}@rc-${state.n} (not made: dry run)`,
      `commit ${line.ledgerPath}, ${report} and ${line.releasesPath}/${FLAKY_FILE} on top of it`,
      `move ${line.branch} to that commit (compare-and-swap, never forced)`,
      `tag it ${tag} (annotated)`,
    ],
  };
}
