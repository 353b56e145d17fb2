import { readFile } from 'node:fs/promises';
import type { GatePolicy, Project } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { FlakyMemory, GateIntent, GateResult, LineBudget } from '../../gate/index.js';
import type { ModelLayer } from '../../llm/types.js';
import type { ProgressSink } from '../../run/index.js';
import { exists, iterationFile, markCompleted, storeLayout, writeJsonAtomic, type IterationState } from '../../store/index.js';
import type { ConfirmationRecord } from './confirm.js';
import { CONFIRMATION_FILE, gateRuns } from './pair.js';

export const GATE_FILE = 'gate.json';
export { CONFIRMATION_FILE };
const INTENT_FILE = 'intent.json';

export interface GateStageInput {
  project: Project;
  state: IterationState;
  policy: GatePolicy & { name: string };
  /** The agent folders of the two versions, for the confirmation reruns. */
  versions: { baseline: string; candidate: string };
  /** What earlier gates of the line measured (see readFlakyMemoryAt). */
  flakyMemory: FlakyMemory;
  /** What the version line spent of its false-promotion budget before this decision (see lineBudgetOf). */
  lineBudget: LineBudget;
  /** First sample index of the confirmation reruns: a range no other run of the line uses. */
  confirmationBase: number;
  /** Decide again even when the iteration's gate.json exists (another policy). */
  again?: boolean;
  models?: ModelLayer | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((side: 'baseline' | 'candidate') => ProgressSink) | undefined;
  logger?: Logger | undefined;
}

export interface GateStageResult {
  result: GateResult;
  state: IterationState;
  file: string;
  confirmation: ConfirmationRecord | null;
  /** False when gate.json was found done and read back. */
  decided: boolean;
}

/**
 * The gate stage on files: gateRuns on the iteration's baseline run and RC run with the RC's
 * intent. gate.json is written atomically and the stage marked completed; a rerun reads it back.
 */
export async function runGateStage(input: GateStageInput): Promise<GateStageResult> {
  const { project, state, policy } = input;
  const storeDir = project.storeDir;
  const file = iterationFile(storeDir, state.agent, state.n, GATE_FILE);
  if (!input.again && state.completed.gate !== undefined && (await exists(file))) {
    return { result: await readJson<GateResult>(file), state, file, confirmation: await readConfirmation(storeDir, state), decided: false };
  }
  const { baselineRunId, rcRunId } = state;
  if (!baselineRunId || !rcRunId) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${state.agent}" has no ${baselineRunId ? "release candidate's run" : 'baseline run'} to gate`, {
      details: 'The gate compares the fresh baseline run with the RC\'s run on the same examples: `agentdevel release` makes both.',
    });
  }
  const intent = await readIntent(storeDir, state);
  const { result, confirmation } = await gateRuns({
    ...input,
    agent: state.agent,
    runs: { baseline: baselineRunId, candidate: rcRunId },
    dir: storeLayout(storeDir).iterationDir(state.agent, state.n),
    intent,
  });
  await writeJsonAtomic(file, result);
  const next = await markCompleted(storeDir, state, 'gate');
  return { result, state: next, file, confirmation, decided: true };
}

async function readIntent(storeDir: string, state: IterationState): Promise<GateIntent | undefined> {
  const path = iterationFile(storeDir, state.agent, state.n, INTENT_FILE);
  if (!(await exists(path))) return undefined;
  const intent = await readJson<{ targets?: unknown }>(path);
  if (!Array.isArray(intent.targets) || !intent.targets.every((t) => typeof t === 'string')) {
    return fail('EGATE_INPUT', `${path}: targets must be a list of symptom labels`, { details: 'intent.json is written by `agentdevel synthesize`; rerun that stage rather than editing it.' });
  }
  return { targets: intent.targets as string[] };
}

export async function readConfirmation(storeDir: string, state: IterationState): Promise<ConfirmationRecord | null> {
  const path = iterationFile(storeDir, state.agent, state.n, CONFIRMATION_FILE);
  return (await exists(path)) ? readJson<ConfirmationRecord>(path) : null;
}

async function readJson<T>(path: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    return fail('ESTORE', `${path}: cannot read (${(error as Error).message})`, { cause: error, details: 'It is written atomically by the stage; delete it and rerun that stage.' });
  }
}
