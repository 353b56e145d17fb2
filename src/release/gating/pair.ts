import { join } from 'node:path';
import type { GatePolicy, Project } from '../../config/index.js';
import type { Logger } from '../../core/log.js';
import { CRITIQUE_FILE, readCritiques } from '../../critic/journal.js';
import { decide, mustPassOf, nextConfirmationRound, outcomesOfStream, withConfirmationRound, type DecideInput, type FlakyMemory, type GateIntent, type GateResult, type LineBudget } from '../../gate/index.js';
import type { ModelLayer } from '../../llm/types.js';
import type { ProgressSink } from '../../run/index.js';
import { readRunManifest, readRunRecords } from '../../run/read-records.js';
import { exists, writeJsonAtomic } from '../../store/index.js';
import { loadSuites } from '../../suite/index.js';
import { confirmRound, type ConfirmationRecord, type ConfirmationRound } from './confirm.js';
import { checkComparable, checkComplete } from './runs.js';

export const CONFIRMATION_FILE = 'confirmation.json';

export interface GateRunsInput {
  project: Project;
  agent: string;
  policy: GatePolicy & { name: string };
  /** The baseline's run and the candidate's run on the same examples, seed and sample range. */
  runs: { baseline: string; candidate: string };
  /** The agent folders of the two versions, for the confirmation reruns. */
  versions: { baseline: string; candidate: string };
  /** What earlier gates of the line measured (see readFlakyMemoryAt). */
  flakyMemory: FlakyMemory;
  /** What the version line spent of its false-promotion budget before this decision (see lineBudgetOf; a check reads the line's). */
  lineBudget: LineBudget;
  /** First sample index of the confirmation reruns: a range no other run of the line uses. */
  confirmationBase: number;
  /** The decision's folder: confirmation.json is written there; the baseline's critiques (critique.jsonl) are read from it when present. */
  dir: string;
  /** The candidate's stated aim (an engineer's RC has one; a person's change has none). */
  intent?: GateIntent | undefined;
  models?: ModelLayer | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((side: 'baseline' | 'candidate') => ProgressSink) | undefined;
  logger?: Logger | undefined;
}

/**
 * The gate on two runs, shared by the release loop's iterations and `agentdevel check`: the runs
 * must be a complete paired comparison (checked); the flips are rerun in sequential rounds on
 * both versions until no rerun can change the decision; then the pure decide with the baseline's critiques, the intent, the
 * suites' must-pass examples and the flaky memory.
 */
export async function gateRuns(input: GateRunsInput): Promise<{ result: GateResult; confirmation: ConfirmationRecord | null }> {
  const { project, policy } = input;
  const storeDir = project.storeDir;
  const { baseline: baselineRunId, candidate: candidateRunId } = input.runs;
  const manifests = { baseline: await readRunManifest(storeDir, baselineRunId), candidate: await readRunManifest(storeDir, candidateRunId) };
  checkComparable(manifests.baseline, manifests.candidate);
  const sides = { baseline: await outcomesOfStream(readRunRecords(storeDir, baselineRunId)), candidate: await outcomesOfStream(readRunRecords(storeDir, candidateRunId)) };
  checkComplete(manifests.baseline, sides.baseline.records, 'baseline');
  checkComplete(manifests.candidate, sides.candidate.records, "release candidate's");

  const critiquePath = join(input.dir, CRITIQUE_FILE);
  const suites = await loadSuites(project, manifests.baseline.suites.map((s) => s.name));
  let decideInput: DecideInput = {
    policy,
    baseline: sides.baseline,
    candidate: sides.candidate,
    ...((await exists(critiquePath)) ? { critiques: await readCritiques(critiquePath, baselineRunId) } : {}),
    ...(input.intent ? { intent: input.intent } : {}),
    mustPass: mustPassOf(policy, suites),
    flakyMemory: input.flakyMemory,
    lineBudget: input.lineBudget,
  };
  // Sequential confirmation: one rerun per round of the flips still open, until none can change the decision.
  const rounds: ConfirmationRound[] = [];
  for (let keys = nextConfirmationRound(decideInput); keys.length > 0 && rounds.length < policy.confirmRuns; keys = nextConfirmationRound(decideInput)) {
    const { round, outcomes } = await confirmRound({ ...input, manifest: manifests.baseline, keys, sampleBase: input.confirmationBase + rounds.length });
    rounds.push(round);
    decideInput = withConfirmationRound(decideInput, outcomes);
    await writeJsonAtomic(join(input.dir, CONFIRMATION_FILE), { rounds } satisfies ConfirmationRecord);
  }
  const result = decide(decideInput);
  return { result, confirmation: rounds.length > 0 ? { rounds } : null };
}
