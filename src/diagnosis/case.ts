import type { CritiqueRecord, Symptom } from '../core/critique.js';
import type { RunRecord } from '../core/records.js';

/**
 * One dev record joined to its critique: what every built-in script is fed, once each, in a
 * single pass. Holdout records never become a Case.
 */
export interface Case {
  record: RunRecord;
  /** Undefined when the record was not critiqued (or only by a stale critique). */
  critique: CritiqueRecord | undefined;
  /** The critique's symptoms ([] without one). */
  symptoms: readonly Symptom[];
  /** Distinct labels of the symptoms, sorted. */
  labels: readonly string[];
  /** `suite/id`. */
  exampleKey: string;
  /** `suite/id#repeat`. */
  key: string;
  /** The record's tool calls in trace order, with the step each was made at. */
  toolCalls: ReadonlyArray<{ step: number; name: string }>;
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
}

/** What the entrance counts while the cases go by; scripts read it when they finish. */
export interface Tally {
  examples: Map<string, ExampleTally>;
  pass: number;
  fail: number;
  error: number;
  /** Failing records carrying at least one symptom. */
  labelledFailures: number;
  /** Measured (pass or fail) dev records per example tag. */
  tagRecords: Map<string, number>;
  /** Measured dev records that call the tool at least once. */
  toolRecords: Map<string, number>;
}

export function isFailing(c: Case): boolean {
  return c.record.status === 'fail';
}

export function isMeasured(c: Case): boolean {
  return c.record.status !== 'error';
}
