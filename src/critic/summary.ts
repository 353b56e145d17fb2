import type { CritiqueRecord, CritiqueVerdict } from '../core/critique.js';

export interface LabelCount {
  label: string;
  /** For `other`: the name the critic proposed (each proposal is counted on its own). */
  proposed?: string;
  /** Symptoms with this label. */
  symptoms: number;
  /** Records showing it at least once. */
  records: number;
}

export interface CritiqueSummary {
  critiqued: number;
  byStatus: { pass: number; fail: number };
  byVerdict: Record<CritiqueVerdict, number>;
  /** Most frequent first, then by name. */
  labels: LabelCount[];
  unlabelled: number;
  /** Symptoms whose evidence does not occur in what the critic was shown. */
  evidenceNotFound: number;
  /** Tokens of every critic call behind these critiques (cache hits count what they once cost). */
  tokens: { promptTokens: number; completionTokens: number };
}

/** Counts over critiques; the order of the critiques changes nothing. */
export function summariseCritiques(critiques: Iterable<CritiqueRecord>): CritiqueSummary {
  const summary: CritiqueSummary = {
    critiqued: 0,
    byStatus: { pass: 0, fail: 0 },
    byVerdict: { fail: 0, 'fragile-pass': 0, pass: 0, unlabelled: 0 },
    labels: [],
    unlabelled: 0,
    evidenceNotFound: 0,
    tokens: { promptTokens: 0, completionTokens: 0 },
  };
  const labels = new Map<string, LabelCount>();
  for (const critique of critiques) {
    summary.critiqued++;
    summary.byStatus[critique.status]++;
    summary.byVerdict[critique.verdict]++;
    if (critique.verdict === 'unlabelled') summary.unlabelled++;
    summary.tokens.promptTokens += critique.usage?.promptTokens ?? 0;
    summary.tokens.completionTokens += critique.usage?.completionTokens ?? 0;
    const seen = new Set<string>();
    for (const symptom of critique.symptoms) {
      const key = symptom.proposed === undefined ? symptom.label : `${symptom.label}:${symptom.proposed}`;
      let count = labels.get(key);
      if (!count) {
        count = { label: symptom.label, ...(symptom.proposed === undefined ? {} : { proposed: symptom.proposed }), symptoms: 0, records: 0 };
        labels.set(key, count);
      }
      count.symptoms++;
      if (!seen.has(key)) count.records++;
      seen.add(key);
      if (symptom.evidenceFound === false) summary.evidenceNotFound++;
    }
  }
  summary.labels = [...labels.entries()].sort(([ka, a], [kb, b]) => b.symptoms - a.symptoms || (ka < kb ? -1 : ka > kb ? 1 : 0)).map(([, count]) => count);
  return summary;
}
