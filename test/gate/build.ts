/** Tiny builders for gate tests: outcomes from strings of statuses, one letter per record. */
import { gatePolicySchema, type GatePolicy } from '../../src/config/index.js';
import type { RecordStatus, Split } from '../../src/core/records.js';
import { decide, nextConfirmationRound, outcomesOf, withConfirmationRound, type DecideInput, type GateRecord, type GateResult, type Outcomes } from '../../src/gate/index.js';

const letters: Record<string, RecordStatus> = { p: 'pass', f: 'fail', e: 'error' };

export interface ExampleSpec {
  /** `suite/id` or a bare id (suite `s`). */
  key: string;
  /** One letter per record: p pass, f fail, e error. */
  samples: string;
  split?: Split;
  tags?: string[];
}

export function recordsOf(specs: ExampleSpec[]): GateRecord[] {
  return specs.flatMap(({ key, samples, split = 'dev', tags = [] }) => {
    const [suite, exampleId] = key.includes('/') ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)] : ['s', key];
    return [...samples].map((letter) => {
      const status = letters[letter];
      if (!status) throw new Error(`bad status letter ${letter}`);
      return { suite, exampleId, split, tags, status };
    });
  });
}

/** Outcomes from `{ id: 'ppf', … }`, or from full specs. */
export function side(examples: Record<string, string> | ExampleSpec[]): Outcomes {
  const specs = Array.isArray(examples) ? examples : Object.entries(examples).map(([key, samples]) => ({ key, samples }));
  return outcomesOf(recordsOf(specs));
}

/** `count` dev examples `prefix0…` all with the same samples. */
export function many(prefix: string, count: number, samples: string, extra: Partial<ExampleSpec> = {}): ExampleSpec[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, samples, ...extra }));
}

/** A policy with the schema's defaults and the given changes. */
export function policy(changes: Record<string, unknown> = {}): GatePolicy {
  return gatePolicySchema.parse(changes);
}

/**
 * The gate as the release loop runs it: sequential confirmation rounds (nextConfirmationRound)
 * until none is asked for, round r of a key taking the r-th letter of its rerun samples per side
 * (`reruns` by key, or bare id in suite s); a key with no letter left gets no sample that round.
 */
export function gateSequentially(input: Omit<DecideInput, 'confirmations' | 'firstRound'>, reruns: Record<string, [string, string]>): GateResult & { rounds: string[][] } {
  let current: DecideInput = { ...input };
  const rounds: string[][] = [];
  const samplesOf = (key: string, i: 0 | 1) => (reruns[key] ?? reruns[key.replace(/^s\//, '')])?.[i] ?? '';
  for (let keys = nextConfirmationRound(current); keys.length > 0; keys = nextConfirmationRound(current)) {
    const r = rounds.length;
    const pick = (i: 0 | 1) => side(keys.map((key) => ({ key, samples: samplesOf(key, i).charAt(r) })).filter((e) => e.samples));
    current = withConfirmationRound(current, { baseline: pick(0), candidate: pick(1) });
    rounds.push(keys);
    if (rounds.length > 50) throw new Error('confirmation never settles');
  }
  return { ...decide(current), rounds };
}
