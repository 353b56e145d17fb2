import type { Project } from '../../config/index.js';
import type { Logger } from '../../core/log.js';
import type { RunManifest } from '../../core/records.js';
import { outcomesOfStream, type Outcomes } from '../../gate/index.js';
import type { ModelLayer } from '../../llm/types.js';
import { executeRun, readRunRecords, silentProgress, type ProgressSink } from '../../run/index.js';

/** One round of sequential confirmation: which flips were rerun once per version, from which sample index, in which runs. */
export interface ConfirmationRound {
  keys: string[];
  sampleBase: number;
  runs: { baseline: string; candidate: string };
}

/**
 * confirmation.json: the rounds of confirmation reruns. Written before 2026-12 as one round of
 * `repeats` reruns (keys, repeats, sampleBase, runs), which confirmationRuns still reads.
 */
export interface ConfirmationRecord {
  rounds?: ConfirmationRound[];
  keys?: string[];
  repeats?: number;
  sampleBase?: number;
  runs?: { baseline: string; candidate: string };
}

/** Every run the confirmation made, baseline then candidate per round. */
export function confirmationRuns(record: ConfirmationRecord | null): string[] {
  if (!record) return [];
  const rounds = record.rounds ?? (record.runs ? [record as ConfirmationRound] : []);
  return rounds.flatMap((round) => [round.runs.baseline, round.runs.candidate]);
}

export interface ConfirmInput {
  project: Project;
  agent: string;
  /** The baseline run's manifest: suites and seed of the reruns. */
  manifest: RunManifest;
  keys: string[];
  /** The round's sample index: confirmation base + round number. */
  sampleBase: number;
  /** The two versions' agent folders. */
  versions: { baseline: string; candidate: string };
  models?: ModelLayer | undefined;
  signal?: AbortSignal | undefined;
  /** Progress of each side's rerun. */
  progress?: ((side: 'baseline' | 'candidate') => ProgressSink) | undefined;
  logger?: Logger | undefined;
}

/**
 * One confirmation round: the flips rerun once on both versions, fresh (a sample index no earlier
 * run used), both runs at once in one model layer, so their episodes interleave in the endpoint's
 * queue and meet the same conditions. Each rerun is an ordinary run (restricted to the keys), so
 * a killed gate resumes them.
 */
export async function confirmRound(input: ConfirmInput): Promise<{ round: ConfirmationRound; outcomes: { baseline: Outcomes; candidate: Outcomes } }> {
  const common = {
    project: input.project,
    agent: input.agent,
    suites: input.manifest.suites.map((s) => s.name),
    seed: input.manifest.seed,
    repeats: 1,
    sampleBase: input.sampleBase,
    examples: input.keys,
    ...(input.models ? { models: input.models } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.logger ? { logger: input.logger } : {}),
  };
  const [baseline, candidate] = await Promise.all([
    executeRun({ ...common, agentDir: input.versions.baseline, progress: input.progress?.('baseline') ?? silentProgress }),
    executeRun({ ...common, agentDir: input.versions.candidate, progress: input.progress?.('candidate') ?? silentProgress }),
  ]);
  const store = input.project.storeDir;
  return {
    round: { keys: input.keys, sampleBase: input.sampleBase, runs: { baseline: baseline.runId, candidate: candidate.runId } },
    outcomes: {
      baseline: await outcomesOfStream(readRunRecords(store, baseline.runId)),
      candidate: await outcomesOfStream(readRunRecords(store, candidate.runId)),
    },
  };
}
