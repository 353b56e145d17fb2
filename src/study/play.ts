import { createAgentRunner } from '../agent/index.js';
import type { RunRecord } from '../core/records.js';
import { hashValue } from '../core/hash.js';
import { outcomesOf, type Outcomes } from '../gate/index.js';
import type { ModelLayer } from '../llm/types.js';
import type { RunRef, SplitPassRates, Spent } from '../release/loop/index.js';
import { exampleKey, playEpisode, runPool, sampleIndexFor, type EpisodeItem, type SuiteContext } from '../run/index.js';
import type { StudyVersion } from './version.js';

/** A run played in memory: its records, reduced for the gate, and the model use it cost. */
export interface PlayedRun extends RunRef {
  records: RunRecord[];
  outcomes: Outcomes;
  cost: Spent;
}

/** What every run of one line plays with: the suites (scorers built once), the model layer and the line's run seed. */
export interface Player {
  suites: readonly SuiteContext[];
  models: ModelLayer;
  seed: number;
  /** Episodes in flight at once. */
  concurrency: number;
  /** What a confined command agent must not see (the project, the store). */
  hidden?: readonly string[];
}

export interface PlayRange {
  /** First repeat index (src/release/loop/sample-ranges.ts gives each iteration's ranges). */
  sampleBase: number;
  /** Repeats per example (default: each suite's own). */
  repeats?: number;
  /** Only these example keys (`suite/id`), e.g. confirmation reruns. */
  keys?: readonly string[];
}

/**
 * Runs one version on the line's suites exactly as the run stage plays an episode
 * (src/run playEpisode: the agent runner, the scorer, the record), with nothing journaled:
 * the study keeps its records in memory for the iteration that needs them.
 */
export async function playRun(player: Player, version: StudyVersion, range: PlayRange): Promise<PlayedRun> {
  const runId = `study-${hashValue({ blueprint: version.hash, seed: player.seed, range }).slice(0, 16)}`;
  const runner = createAgentRunner(version.blueprint, player.models, { hidden: player.hidden ?? [] });
  const records: RunRecord[] = [];
  try {
    const context = { runId, runner, signal: new AbortController().signal, live: new Set<AbortController>() };
    await runPool(episodes(player, range), player.concurrency, async (item) => {
      records.push(await playEpisode(context, item));
    });
  } finally {
    await runner.close();
  }
  records.sort(byKey);
  return { runId, records, outcomes: outcomesOf(records), passRate: passRatesOf(records), cost: costOf(records) };
}

function* episodes(player: Player, range: PlayRange): Generator<EpisodeItem> {
  const only = range.keys ? new Set(range.keys) : undefined;
  for (const suite of player.suites) {
    const repeats = range.repeats ?? suite.suite.config.repeats;
    for (const example of suite.suite.examples) {
      if (only && !only.has(exampleKey(suite.suite.name, example.id))) continue;
      for (let repeat = 0; repeat < repeats; repeat++) {
        yield { suite, example, repeat, sampleIndex: sampleIndexFor(player.seed, range.sampleBase + repeat) };
      }
    }
  }
}

/** Pass rate per split: passes over scored records (an infrastructure error is neither). */
export function passRatesOf(records: readonly RunRecord[]): SplitPassRates {
  const rate = (split: 'dev' | 'holdout') => {
    let pass = 0;
    let scored = 0;
    for (const r of records) {
      if (r.split !== split || r.status === 'error') continue;
      scored++;
      if (r.status === 'pass') pass++;
    }
    return scored === 0 ? null : pass / scored;
  };
  return { dev: rate('dev'), holdout: rate('holdout') };
}

/** Fresh model calls and their tokens (a cache hit is free). */
export function costOf(records: readonly RunRecord[]): Spent {
  let calls = 0;
  let tokens = 0;
  for (const r of records) {
    calls += r.usage.calls - r.usage.cacheHits;
    tokens += r.usage.promptTokens + r.usage.completionTokens;
  }
  return { calls, tokens };
}

function byKey(a: RunRecord, b: RunRecord): number {
  const ka = `${a.suite}/${a.exampleId}#${a.repeat}`;
  const kb = `${b.suite}/${b.exampleId}#${b.repeat}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
