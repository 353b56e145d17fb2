import type { CritiqueRecord, Symptom } from '../core/critique.js';
import type { RunRecord } from '../core/records.js';

const NO_LABELS: readonly string[] = Object.freeze([]);
const NO_SYMPTOMS: readonly Symptom[] = Object.freeze([]);

/**
 * One dev record joined to its critique: what every built-in script is fed, once each, in a
 * single pass. Holdout records never become a Case. The record key, which only some scripts
 * need, is made on first use.
 */
export class Case {
  /** The critique's symptoms ([] without one). */
  readonly symptoms: readonly Symptom[];
  /** Distinct labels of the symptoms, sorted. */
  readonly labels: readonly string[];
  private keyText: string | undefined;

  constructor(
    readonly record: RunRecord,
    /** Undefined when the record was not critiqued (or only by a stale critique). */
    readonly critique: CritiqueRecord | undefined,
    /** `suite/id`. */
    readonly exampleKey: string,
  ) {
    this.symptoms = critique?.symptoms ?? NO_SYMPTOMS;
    this.labels = distinctLabels(this.symptoms);
  }

  /** `suite/id#repeat`. */
  get key(): string {
    return (this.keyText ??= `${this.exampleKey}#${this.record.repeat}`);
  }
}

function distinctLabels(symptoms: readonly Symptom[]): readonly string[] {
  if (symptoms.length === 0) return NO_LABELS;
  const labels: string[] = [];
  for (const { label } of symptoms) {
    if (labels.includes(label)) continue;
    // Insertion keeps the (short) list sorted by code unit.
    let at = labels.length;
    while (at > 0 && labels[at - 1]! > label) at--;
    labels.splice(at, 0, label);
  }
  return labels;
}

/** The measured outcome of one example over its repeats. */
export interface ExampleTally {
  key: string;
  suite: string;
  exampleId: string;
  tags: string[];
  pass: number;
  fail: number;
  error: number;
  /** A passing repeat the critic flagged as fragile. */
  fragile: boolean;
  /** The labels its failing repeats carry, each with how many repeats carry it (undefined while none). */
  failingLabels: Array<{ label: string; repeats: number }> | undefined;
}

/** What the entrance counts while the cases go by; scripts read it when they finish. */
export interface Tally {
  /** Every dev example, in order of arrival (examplesByKey sorts them). */
  examples: ExampleTally[];
  pass: number;
  fail: number;
  error: number;
  /** Failing records carrying at least one symptom. */
  labelledFailures: number;
}

const sortedByKey = new WeakMap<Tally, readonly ExampleTally[]>();

/**
 * The tally's examples sorted by key (made once per tally, read only): the scripts that list
 * examples walk it, so their lists come out in key order without a sort of their own.
 */
export function examplesByKey(tally: Tally): readonly ExampleTally[] {
  let sorted = sortedByKey.get(tally);
  if (sorted === undefined) {
    // Keys are distinct: a plain code-unit comparison (compareText's order) without the call.
    sorted = [...tally.examples].sort((a, b) => (a.key < b.key ? -1 : 1));
    sortedByKey.set(tally, sorted);
  }
  return sorted;
}

/** Measured (pass or fail) dev records per example tag: the base rate a tag's lift is measured against. */
export function measuredRecordsByTag(tally: Tally): Map<string, number> {
  const byTag = new Map<string, number>();
  for (const example of tally.examples) {
    const measured = example.pass + example.fail;
    if (measured > 0) for (const tag of example.tags) byTag.set(tag, (byTag.get(tag) ?? 0) + measured);
  }
  return byTag;
}

export function isFailing(c: Case): boolean {
  return c.record.status === 'fail';
}

export function isMeasured(c: Case): boolean {
  return c.record.status !== 'error';
}
