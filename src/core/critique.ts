/** What the critic says of one record. Types only, shared by critique, diagnosis, gate and report. */

export interface Symptom {
  /** A taxonomy label, or `other` when the critic proposed a label outside the taxonomy. */
  label: string;
  /** The critic's own name for an `other` symptom. */
  proposed?: string;
  description: string;
  /** Quoted from the trace. */
  evidence: string;
  /** Index of the trace step the symptom shows at, when it shows at one. */
  step: number | null;
}

export type CritiqueVerdict = 'fail' | 'fragile-pass' | 'pass' | 'unlabelled';

export interface CritiqueRecord {
  runId: string;
  suite: string;
  exampleId: string;
  repeat: number;
  /** The record's own status (pass or fail). */
  status: 'pass' | 'fail';
  verdict: CritiqueVerdict;
  symptoms: Symptom[];
  taxonomyVersion: number;
  critic: { model: string; simulated: boolean; attempts: number; cached: boolean };
  /** Why the record is unlabelled, when it is. */
  error?: string;
}
