/**
 * Generated records for `npm run bench:gate`: a deterministic world of examples whose outcome on
 * each version is drawn per example and per sample, with the shares below, in the full RunRecord
 * shape (with a small trace).
 */
import type { CritiqueRecord } from '../src/core/critique.js';
import type { RecordStatus, RunRecord } from '../src/core/records.js';

export const WORLD = {
  suites: ['support', 'coding', 'search', 'forms'],
  tags: [[], ['billing'], ['tools', 'lookup'], ['policy']] as string[][],
  labels: ['wrong-tool', 'hallucinated-fact', 'format-violation', 'gave-up'],
  /** Shares of examples: truly fixed by the candidate, truly broken, flaky (each sample a coin flip), stable pass; the rest stable fail. */
  fixed: 0.05,
  broken: 0.005,
  flaky: 0.09,
  stablePass: 0.66,
  holdout: 0.2,
  /** Share of records that are infrastructure errors. */
  errors: 0.002,
};

type Side = 'baseline' | 'candidate';

/** A 32-bit mix of integers, as a uniform number in [0, 1). */
function uniform(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ value, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}

function kindOf(i: number): 'fixed' | 'broken' | 'flaky' | 'pass' | 'fail' {
  let u = uniform(i, 1);
  for (const kind of ['fixed', 'broken', 'flaky'] as const) {
    if (u < WORLD[kind]) return kind;
    u -= WORLD[kind];
  }
  return u < WORLD.stablePass ? 'pass' : 'fail';
}

export function statusOf(i: number, side: Side, sample: number): RecordStatus {
  if (uniform(i, sample, side === 'baseline' ? 7 : 11) < WORLD.errors) return 'error';
  switch (kindOf(i)) {
    case 'fixed':
      return side === 'baseline' ? 'fail' : 'pass';
    case 'broken':
      return side === 'baseline' ? 'pass' : 'fail';
    case 'flaky':
      return uniform(i, sample, side === 'baseline' ? 3 : 5) < 0.5 ? 'pass' : 'fail';
    case 'pass':
      return 'pass';
    case 'fail':
      return 'fail';
  }
}

// The parts of a record the gate never reads are shared, so a run of 300,000 records fits in memory.
const TRACE: RunRecord['trace'] = [
  {
    type: 'llm_call',
    step: 0,
    request: { messages: 2, lastRole: 'user', tools: 2 },
    response: { content: 'answer', toolCalls: [], finishReason: 'stop' },
    usage: { promptTokens: 120, completionTokens: 12 },
    cached: false,
    latencyMs: 40,
  },
  { type: 'final', step: 1, output: { answer: 'answer' } },
];
const USAGE: RunRecord['usage'] = { calls: 1, cacheHits: 0, retries: 0, promptTokens: 120, completionTokens: 12 };
const OUTPUT = { answer: 'answer' };

function recordOf(i: number, side: Side, sample: number, repeat: number): RunRecord {
  const status = statusOf(i, side, sample);
  return {
    runId: `${side}-run`,
    suite: WORLD.suites[i % WORLD.suites.length]!,
    exampleId: `ex-${i}`, // a fresh string per record, as records parsed from JSON lines have
    repeat,
    sampleIndex: sample,
    split: uniform(i, 2) < WORLD.holdout ? 'holdout' : 'dev',
    tags: WORLD.tags[i % WORLD.tags.length]!,
    status,
    ...(status === 'error' ? { reason: 'HTTP 500 from the model server', errorCode: 'EMODEL_REPLY' } : {}),
    output: OUTPUT,
    score: status === 'pass' ? 1 : 0,
    feedback: status === 'pass' ? 'ok' : 'expected another answer',
    trace: TRACE,
    usage: USAGE,
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 40,
  };
}

/** The run of one version: `repeats` records per example, sample indices 0…repeats-1, in repeat-major order as a run writes them. */
export function* runRecords(examples: number, side: Side, repeats: number): Generator<RunRecord> {
  for (let repeat = 0; repeat < repeats; repeat++) for (let i = 0; i < examples; i++) yield recordOf(i, side, repeat, repeat);
}

/** Confirmation reruns of the given keys: fresh sample indices after the first `repeats`. */
export function* rerunRecords(keys: readonly string[], side: Side, repeats: number, runs: number): Generator<RunRecord> {
  for (const key of keys) {
    const i = Number(key.slice(key.lastIndexOf('-') + 1));
    for (let r = 0; r < runs; r++) yield recordOf(i, side, repeats + r, r);
  }
}

/** The critic's view of the baseline's failing dev records: one symptom each. */
export function* baselineCritiques(examples: number, repeats: number): Generator<Pick<CritiqueRecord, 'suite' | 'exampleId' | 'status' | 'symptoms'>> {
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (let i = 0; i < examples; i++) {
      if (uniform(i, 2) < WORLD.holdout || statusOf(i, 'baseline', repeat) !== 'fail') continue;
      const label = WORLD.labels[Math.floor(uniform(i, 9) * WORLD.labels.length)]!;
      yield { suite: WORLD.suites[i % WORLD.suites.length]!, exampleId: `ex-${i}`, status: 'fail', symptoms: [{ label, description: label, evidence: 'quoted', step: 0 }] };
    }
  }
}
