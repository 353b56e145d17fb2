import type { Case, Tally } from '../case.js';
import { compareText, increment, round4, share } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { SymptomFrequency } from '../types.js';
import { failingByLabel } from './label-tally.js';

/** How often each label shows on failing dev records, its share of the failures, and what fixing it would gain. */
export const symptomFrequency: BuiltinScript<SymptomFrequency[]> = {
  name: 'symptom-frequency',
  version: 1,
  start() {
    const occurrences = new Map<string, number>();
    const unverified = new Map<string, number>();
    const passRecords = new Map<string, number>();
    return {
      add(c: Case) {
        if (c.record.status === 'pass') {
          for (const label of c.labels) increment(passRecords, label);
          return;
        }
        if (c.record.status !== 'fail') return;
        for (const symptom of c.symptoms) {
          increment(occurrences, symptom.label);
          if (symptom.evidenceFound === false) increment(unverified, symptom.label);
        }
      },
      finish(tally: Tally): SymptomFrequency[] {
        const byLabel = failingByLabel(tally);
        const labels = new Set([...byLabel.keys(), ...passRecords.keys()]);
        const rows = [...labels].map((label): SymptomFrequency => {
          const examples = byLabel.get(label) ?? [];
          let records = 0;
          let gain = 0;
          for (const { example, withLabel } of examples) {
            records += withLabel;
            gain += withLabel / (example.pass + example.fail);
          }
          return {
            label,
            records,
            occurrences: occurrences.get(label) ?? 0,
            examples: examples.length,
            shareOfFailures: share(records, tally.fail),
            shareOfLabelled: share(records, tally.labelledFailures),
            expectedGain: round4(gain),
            passRecords: passRecords.get(label) ?? 0,
            unverifiedEvidence: unverified.get(label) ?? 0,
          };
        });
        return rows.sort((a, b) => b.records - a.records || b.passRecords - a.passRecords || compareText(a.label, b.label));
      },
    };
  },
};
