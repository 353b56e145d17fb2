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
  /**
   * false when the evidence does not occur in what the critic was shown (it paraphrased or
   * invented the quote): the symptom is kept, since the label is still the critic's judgement,
   * but a reader should weigh it less. Absent in critiques made before this check existed.
   */
  evidenceFound?: boolean;
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
  /** Tokens the critic's calls for this record took (every attempt; cached replies count what they once cost). */
  usage?: { promptTokens: number; completionTokens: number };
  /** Why the record is unlabelled, when it is. */
  error?: string;
}
