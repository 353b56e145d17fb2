import { fail } from '../core/errors.js';
import type { ExampleOutcome, GateRecord, Outcomes } from './types.js';

const statuses = new Set(['pass', 'fail', 'error']);
const splits = new Set(['dev', 'holdout']);

/**
 * A streaming reducer from records to per-example counts. It keeps one small object per
 * example and never a record: suite names and tag lists are interned, so records parsed one by
 * one from JSON lines share them.
 */
export interface OutcomeReducer {
  add(record: GateRecord): void;
  result(): Outcomes;
}

export function outcomeReducer(): OutcomeReducer {
  const examples = new Map<string, ExampleOutcome>();
  const suites = new Map<string, string>();
  const tagLists = new Map<string, readonly string[]>();
  let records = 0;
  let errors = 0;

  const intern = <T>(table: Map<string, T>, key: string, value: T): T => {
    const known = table.get(key);
    if (known !== undefined) return known;
    table.set(key, value);
    return value;
  };

  return {
    add(record) {
      const key = `${record.suite}/${record.exampleId}`;
      let outcome = examples.get(key);
      if (outcome === undefined) {
        checkRecord(record, key);
        const tags = Array.isArray(record.tags) ? record.tags : [];
        outcome = {
          key,
          suite: intern(suites, record.suite, record.suite),
          exampleId: record.exampleId,
          split: record.split,
          tags: intern(tagLists, tags.join('\u0000'), Object.freeze([...tags])),
          pass: 0,
          fail: 0,
          error: 0,
        };
        examples.set(key, outcome);
      } else if (record.split !== outcome.split) {
        fail('EGATE_INPUT', `record of ${key}: split "${record.split}" where earlier records say "${outcome.split}"`, {
          details: 'An example keeps its split across repeats and reruns (a stable hash of its id); records mixing splits come from different suite settings. Rerun both versions with the same suites.',
        });
      }
      if (!statuses.has(record.status)) checkRecord(record, key);
      outcome[record.status]++;
      records++;
      if (record.status === 'error') errors++;
    },
    result: () => ({ examples, records, errors }),
  };
}

function checkRecord(record: GateRecord, key: string): void {
  const where = `record of ${key}`;
  if (typeof record.suite !== 'string' || record.suite === '' || record.suite.includes('/')) {
    fail('EGATE_INPUT', `${where}: suite must be a non-empty name without "/" (found ${JSON.stringify(record.suite)})`);
  }
  if (typeof record.exampleId !== 'string' || record.exampleId === '') {
    fail('EGATE_INPUT', `${where}: exampleId must be a non-empty string (found ${JSON.stringify(record.exampleId)})`);
  }
  if (!splits.has(record.split)) fail('EGATE_INPUT', `${where}: split must be dev or holdout (found ${JSON.stringify(record.split)})`);
  if (!statuses.has(record.status)) fail('EGATE_INPUT', `${where}: status must be pass, fail or error (found ${JSON.stringify(record.status)})`);
}

/** Reduces records (an array, or any iterable) to outcomes. */
export function outcomesOf(records: Iterable<GateRecord>): Outcomes {
  const reducer = outcomeReducer();
  for (const record of records) reducer.add(record);
  return reducer.result();
}

/** Reduces a stream of records (e.g. readRunRecords) to outcomes. */
export async function outcomesOfStream(records: AsyncIterable<GateRecord>): Promise<Outcomes> {
  const reducer = outcomeReducer();
  for await (const record of records) reducer.add(record);
  return reducer.result();
}
