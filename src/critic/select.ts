import { unitHash } from '../core/hash.js';
import type { RunRecord } from '../core/records.js';

export type Selectable = Pick<RunRecord, 'runId' | 'suite' | 'exampleId' | 'repeat' | 'split' | 'status'>;

export interface SelectionOptions {
  /** Share of the dev split's passing records also critiqued, to find fragile passes (critic.samplePasses). */
  samplePasses: number;
  seed: number;
}

/**
 * Only the dev split's passes and fails are ever critiqued. Holdout records exist to catch
 * overfitting: whatever reaches the critic reaches the diagnosis and the engineer, and would
 * stop being held out. Error records are the infrastructure's, not the agent's behaviour.
 */
export function isCritiquable(record: Selectable): boolean {
  return record.split === 'dev' && (record.status === 'pass' || record.status === 'fail');
}

/**
 * Which records to critique: every dev fail, and ⌈samplePasses × passes⌉ of the dev passes,
 * those with the smallest draw of (seed, run, suite, example, repeat). The sample depends on
 * nothing else (not the order of the records, not the other records' outcomes beyond their
 * count), so a resumed critique picks the same records, and another run samples afresh.
 */
export function selectionOf(records: Iterable<Selectable>, options: SelectionOptions): (record: Selectable) => boolean {
  const draws: number[] = [];
  for (const record of records) if (isCritiquable(record) && record.status === 'pass') draws.push(passDraw(record, options.seed));
  draws.sort((a, b) => a - b);
  const wanted = Math.min(draws.length, Math.ceil(options.samplePasses * draws.length - 1e-9));
  const threshold = wanted === 0 ? -1 : draws[wanted - 1]!;
  return (record) => isCritiquable(record) && (record.status === 'fail' || passDraw(record, options.seed) <= threshold);
}

/** The records of a list that are critiqued, in their order. */
export function selectForCritique<T extends Selectable>(records: readonly T[], options: SelectionOptions): T[] {
  const chosen = selectionOf(records, options);
  return records.filter(chosen);
}

function passDraw(record: Selectable, seed: number): number {
  return unitHash('critic-sample', seed, record.runId, record.suite, record.exampleId, record.repeat);
}
