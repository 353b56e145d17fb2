import { fail } from '../core/errors.js';
import type { ExampleOutcome, GateRecord, Outcomes } from './types.js';

const statuses = new Set(['pass', 'fail', 'error']);
const splits = new Set(['dev', 'holdout']);
const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * A streaming reducer from records to per-example counts. It keeps one small object per
 * example and never a record: suite names and tag lists are shared between examples, so records
 * parsed one by one from JSON lines leave nothing of themselves behind.
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

  const sharedTags = (tags: readonly string[] | undefined): readonly string[] => {
    if (!Array.isArray(tags) || tags.length === 0) return NO_TAGS;
    const tagKey = tags.join('\u0000');
    let shared = tagLists.get(tagKey);
    if (shared === undefined) tagLists.set(tagKey, (shared = Object.freeze([...tags])));
    return shared;
  };

  const create = (record: GateRecord, key: string): ExampleOutcome => {
    checkRecord(record, key);
    let suite = suites.get(record.suite);
    if (suite === undefined) suites.set(record.suite, (suite = record.suite));
    const outcome: ExampleOutcome = { key, suite, exampleId: record.exampleId, split: record.split, tags: sharedTags(record.tags), pass: 0, fail: 0, error: 0 };
    examples.set(key, outcome);
    return outcome;
  };

  return {
    add(record) {
      const key = `${record.suite}/${record.exampleId}`;
      const outcome = examples.get(key) ?? create(record, key);
      if (record.split !== outcome.split) {
        fail('EGATE_INPUT', `record of ${key}: split "${record.split}" where earlier records say "${outcome.split}"`, {
          details: 'An example keeps its split across repeats and reruns (a stable hash of its id); records mixing splits come from different suite settings. Rerun both versions with the same suites.',
        });
      }
      switch (record.status) {
        case 'pass':
          outcome.pass++;
          break;
        case 'fail':
          outcome.fail++;
          break;
        case 'error':
          outcome.error++;
          errors++;
          break;
        default:
          checkRecord(record, key);
      }
      records++;
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
