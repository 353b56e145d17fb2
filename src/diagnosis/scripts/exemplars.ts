import type { Case } from '../case.js';
import { exemplarTraceLength, renderExemplarTrace } from '../exemplar-text.js';
import { compareText } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { Exemplar, SymptomExemplars } from '../types.js';

interface Candidate {
  c: Case;
  /** The length of the rendered trace (rendered only for the candidates kept). */
  length: number;
}

/** Shorter first, then by record key: a total order, so the choice does not depend on arrival. */
function before(x: Candidate, y: Candidate): boolean {
  return x.length !== y.length ? x.length < y.length : compareText(x.c.key, y.c.key) < 0;
}

/**
 * Per label, the shortest blind traces of failing records carrying it, at most one per example
 * (repeats of one example tend to look alike). Kept as a bounded best-k list per label while
 * the records stream by; a candidate's length is measured without rendering it, and only the
 * chosen ones are rendered, at the end.
 */
export const exemplars: BuiltinScript<SymptomExemplars[]> = {
  name: 'exemplars',
  version: 1,
  start(settings) {
    const k = settings.exemplars;
    const best = new Map<string, Candidate[]>();
    const offer = (label: string, candidate: Candidate) => {
      let list = best.get(label);
      if (list === undefined) {
        best.set(label, [candidate]);
        return;
      }
      const same = list.findIndex((entry) => entry.c.exampleKey === candidate.c.exampleKey);
      if (same >= 0) {
        if (before(candidate, list[same]!)) list[same] = candidate;
      } else if (list.length < k) {
        list.push(candidate);
      } else if (before(candidate, list[list.length - 1]!)) {
        list[list.length - 1] = candidate;
      } else {
        return;
      }
      list.sort((x, y) => (before(x, y) ? -1 : 1));
    };
    /** The longest length that could still enter one of the record's lists (Infinity while one has room or holds its example). */
    const capFor = (c: Case) => {
      let cap = -1;
      for (const label of c.labels) {
        const list = best.get(label);
        if (list === undefined || list.length < k) return Infinity;
        for (const entry of list) if (entry.c.exampleKey === c.exampleKey) return Infinity;
        cap = Math.max(cap, list[list.length - 1]!.length);
      }
      return cap;
    };
    return {
      add(c: Case) {
        if (c.record.status !== 'fail' || c.labels.length === 0 || k === 0) return;
        const cap = capFor(c);
        const length = exemplarTraceLength(c.record, cap);
        if (length > cap) return; // longer than every list's last: enters none
        const candidate = { c, length };
        for (const label of c.labels) offer(label, candidate);
      },
      finish(): SymptomExemplars[] {
        return [...best]
          .sort(([a], [b]) => compareText(a, b))
          .map(([label, list]) => ({ label, exemplars: list.map((candidate) => toExemplar(candidate, label)) }));
      },
    };
  },
};

function toExemplar({ c }: Candidate, label: string): Exemplar {
  const trace = renderExemplarTrace(c.record);
  return {
    key: c.key,
    suite: c.record.suite,
    exampleId: c.record.exampleId,
    repeat: c.record.repeat,
    length: trace.length,
    trace,
    symptoms: c.symptoms.filter((s) => s.label === label).map((s) => ({ description: s.description, evidence: s.evidence, step: s.step })),
  };
}
