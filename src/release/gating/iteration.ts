import { readFile } from 'node:fs/promises';
import { loadGatePolicy, type Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { ModelLayer } from '../../llm/types.js';
import type { ProgressSink } from '../../run/index.js';
import { exists, iterationFile, readIteration, resolveIteration, writeIteration, type IterationState } from '../../store/index.js';
import { readRunManifest } from '../../run/read-records.js';
import { openReleaseLine } from '../line.js';
import { agentPathOf } from '../loop/agent-path.js';
import { sampleRanges } from '../loop/sample-ranges.js';
import { checkoutVersion } from '../loop/version-checkout.js';
import { lineBudgetOf } from '../ledger/budget.js';
import { readLineLedger } from '../ledger/read.js';
import { readFlakyMemoryAt } from './flaky-file.js';
import { checkCandidatePlayed } from './played.js';
import { GATE_FILE, runGateStage, type GateStageResult } from './stage.js';

export interface GateIterationOptions {
  project: Project;
  agent: string;
  /** Default: the agent's latest iteration. */
  iteration?: number | undefined;
  /** A policy under gates/ or a file; default release.gate of agentdevel.yaml. */
  policy?: string | undefined;
  /**
   * The runs to compare when another process made them (a CI job's merged shards): recorded in
   * iteration.json. The baseline must be the run the iteration was critiqued on.
   */
  runs?: { baseline?: string | undefined; candidate?: string | undefined } | undefined;
  models?: ModelLayer | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((side: 'baseline' | 'candidate') => ProgressSink) | undefined;
  logger?: Logger | undefined;
}

/**
 * `agentdevel gate`: gates an iteration whose baseline and RC runs exist. Both versions are
 * read from their commits (the version line's and the RC's) into the store for the confirmation
 * reruns, and the flaky memory from the version line at the baseline's commit. The candidate's
 * run must have played the RC commit (checkCandidatePlayed). A gate already
 * decided under the same policy is read back; another policy decides again, until the decision
 * is recorded on the line (a record is never rewritten).
 */
export async function gateIteration(options: GateIterationOptions): Promise<GateStageResult> {
  const { project, agent } = options;
  const found = await resolveIteration(project.storeDir, agent, options.iteration);
  const stored = await readIteration(project.storeDir, agent, found.n);
  const state = await adoptRuns(project.storeDir, stored, options.runs ?? {});
  const policy = await loadGatePolicy(project, options.policy ?? project.config.release.gate);
  const file = iterationFile(project.storeDir, agent, state.n, GATE_FILE);
  const decidedBefore = state.completed.gate !== undefined && (await exists(file));
  const again = decidedBefore && (await decidedPolicy(file)) !== policy.name;
  if (again && state.completed.promote !== undefined) {
    fail('EUSAGE', `iteration ${state.n} of agent "${agent}" is already recorded on the version line as ${state.outcome ?? 'decided'}; it cannot be gated again under policy "${policy.name}"`, {
      details: 'A recorded decision is never rewritten. Gate the next iteration (`agentdevel release`) under the new policy.',
    });
  }
  if (!state.baselineCommit || !state.rcCommit) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${agent}" has no ${state.baselineCommit ? 'release candidate commit' : 'baseline commit'}`, {
      details: 'Gate an iteration made by `agentdevel release` (or by synthesize after a baseline run of the version line).',
    });
  }
  const line = await openReleaseLine(project, agent);
  const at = { agentPath: agentPathOf(line), agent, storeDir: project.storeDir };
  const baseline = await checkoutVersion(line.repo, { ...at, commit: state.baselineCommit });
  const candidate = await checkoutVersion(line.repo, { ...at, commit: state.rcCommit });
  if (state.rcRunId) await checkCandidatePlayed(line, await readRunManifest(project.storeDir, state.rcRunId), { commit: state.rcCommit, branch: state.rcBranch, hash: candidate.hash }, state.baselineCommit);
  // Runs given on the command line are written into the iteration only once they are known to fit it.
  if (state !== stored) await writeIteration(project.storeDir, state);
  return runGateStage({
    project,
    state,
    policy,
    versions: { baseline: baseline.dir, candidate: candidate.dir },
    flakyMemory: await readFlakyMemoryAt(line.repo, state.baselineCommit, line.releasesPath),
    lineBudget: lineBudgetOf(await readLineLedger(line), line.ledgerPath),
    confirmationBase: sampleRanges(state.n).confirmation,
    again,
    models: options.models,
    signal: options.signal,
    progress: options.progress,
    logger: options.logger,
  });
}

/** The iteration with the runs given on the command line (never replacing a gated or recorded one); not yet written. */
async function adoptRuns(storeDir: string, state: IterationState, runs: { baseline?: string | undefined; candidate?: string | undefined }): Promise<IterationState> {
  const fields: Partial<IterationState> = {};
  for (const [role, field, runId] of [['baseline', 'baselineRunId', runs.baseline], ['candidate', 'rcRunId', runs.candidate]] as const) {
    if (runId === undefined || state[field] === runId) continue;
    await readRunManifest(storeDir, runId);
    if (role === 'baseline' && state.baselineRunId !== undefined) {
      fail('EUSAGE', `iteration ${state.n} of agent "${state.agent}" improves on run ${state.baselineRunId}, not on run ${runId}`, {
        details: 'The baseline is the run the iteration was critiqued and diagnosed on; leave out --baseline, or gate another iteration.',
      });
    }
    if (state.completed.gate !== undefined || state.completed.promote !== undefined) {
      fail('EUSAGE', `iteration ${state.n} of agent "${state.agent}" was already gated on the ${role} run ${state[field] ?? '(none)'}; it cannot take run ${runId}`, {
        details: 'Gate the next iteration with the new runs instead.',
      });
    }
    fields[field] = runId;
  }
  if (Object.keys(fields).length === 0) return state;
  return { ...state, ...fields, completed: { ...state.completed, ...(fields.rcRunId ? { candidate: new Date().toISOString() } : {}) } };
}

async function decidedPolicy(file: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { policy?: { name?: string } }).policy?.name;
  } catch {
    return undefined;
  }
}
