import type { Case } from '../case.js';
import { compareText } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { CandidateClass } from '../types.js';

const OTHER = 'other';
export const UNNAMED = '(unnamed)';

interface ClassState {
  variants: Set<string>;
  records: Set<string>;
  failingRecords: Set<string>;
  examples: Set<string>;
  description: string | undefined;
}

/** `Missing Refund Check` and `missing_refund_check` are one proposal. */
export function normaliseProposal(name: string | undefined): string {
  const kebab = (name ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return kebab === '' ? UNNAMED : kebab;
}

function shorterOrFirst(candidate: string, current: string | undefined): boolean {
  if (current === undefined) return true;
  return candidate.length !== current.length ? candidate.length < current.length : compareText(candidate, current) < 0;
}

/**
 * Symptoms the critic could not place in the taxonomy (`other`), grouped by the name it
 * proposed: candidate new classes, so that new failure kinds surface instead of vanishing.
 */
export const candidateClasses: BuiltinScript<CandidateClass[]> = {
  name: 'candidate-classes',
  version: 1,
  start() {
    const classes = new Map<string, ClassState>();
    return {
      add(c: Case) {
        if (c.record.status === 'error' || !c.labels.includes(OTHER)) return;
        for (const symptom of c.symptoms) {
          if (symptom.label !== OTHER) continue;
          const name = normaliseProposal(symptom.proposed);
          let state = classes.get(name);
          if (state === undefined) {
            state = { variants: new Set(), records: new Set(), failingRecords: new Set(), examples: new Set(), description: undefined };
            classes.set(name, state);
          }
          if (symptom.proposed !== undefined && symptom.proposed.trim() !== '') state.variants.add(symptom.proposed.trim());
          state.records.add(c.key);
          if (c.record.status === 'fail') state.failingRecords.add(c.key);
          state.examples.add(c.exampleKey);
          if (shorterOrFirst(symptom.description, state.description)) state.description = symptom.description;
        }
      },
      finish(): CandidateClass[] {
        return [...classes]
          .map(([name, s]) => ({
            name,
            variants: [...s.variants].sort(compareText),
            records: s.records.size,
            failingRecords: s.failingRecords.size,
            examples: s.examples.size,
            description: s.description ?? '',
          }))
          .sort((a, b) => b.records - a.records || compareText(a.name, b.name));
      },
    };
  },
};
