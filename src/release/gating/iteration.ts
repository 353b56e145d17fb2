import { readFile } from 'node:fs/promises';
import { loadGatePolicy, type Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { ModelLayer } from '../../llm/types.js';
import type { ProgressSink } from '../../run/index.js';
import { exists, iterationFile, readIteration, resolveIteration } from '../../store/index.js';
import { openReleaseLine } from '../line.js';
import { agentPathOf } from '../loop/agent-path.js';
import { sampleRanges } from '../loop/sample-ranges.js';
import { checkoutVersion } from '../loop/version-checkout.js';
import { readFlakyMemoryAt } from './flaky-file.js';
import { GATE_FILE, runGateStage, type GateStageResult } from './stage.js';

export interface GateIterationOptions {
  project: Project;
  agent: string;
  /** Default: the agent's latest iteration. */
  iteration?: number | undefined;
  /** A policy under gates/ or a file; default release.gate of agentdevel.yaml. */
  policy?: string | undefined;
  models?: ModelLayer | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((side: 'baseline' | 'candidate') => ProgressSink) | undefined;
  logger?: Logger | undefined;
}

/**
 * `agentdevel gate`: gates an iteration whose baseline and RC runs exist. Both versions are
 * read from their commits (the version line's and the RC's) into the store for the confirmation
 * reruns, and the flaky memory from the version line at the baseline's commit. A gate already
 * decided under the same policy is read back; another policy decides again, until the decision
 * is recorded on the line (a record is never rewritten).
 */
export async function gateIteration(options: GateIterationOptions): Promise<GateStageResult> {
  const { project, agent } = options;
  const found = await resolveIteration(project.storeDir, agent, options.iteration);
  const state = await readIteration(project.storeDir, agent, found.n);
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
  return runGateStage({
    project,
    state,
    policy,
    versions: { baseline: baseline.dir, candidate: candidate.dir },
    flakyMemory: await readFlakyMemoryAt(line.repo, state.baselineCommit, line.releasesPath),
    confirmationBase: sampleRanges(state.n).confirmation,
    again,
    models: options.models,
    signal: options.signal,
    progress: options.progress,
    logger: options.logger,
  });
}

async function decidedPolicy(file: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { policy?: { name?: string } }).policy?.name;
  } catch {
    return undefined;
  }
}
