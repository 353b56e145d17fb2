import type { Case } from '../case.js';
import { compareText, Counter, increment, share } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { CoOccurrence } from '../types.js';

/** Pairs of labels seen on the same failing record, most frequent first. */
export const coOccurrence: BuiltinScript<CoOccurrence[]> = {
  name: 'co-occurrence',
  version: 1,
  start() {
    const perLabel = new Map<string, number>();
    /** By the first label of a pair (the lesser), the second's counts: no key string built per pair. */
    const pairs = new Map<string, Counter>();
    return {
      add(c: Case) {
        if (c.record.status !== 'fail') return;
        const labels = c.labels; // distinct and sorted
        for (let i = 0; i < labels.length; i++) {
          increment(perLabel, labels[i]!);
          if (i + 1 === labels.length) continue;
          let withA = pairs.get(labels[i]!);
          if (withA === undefined) {
            withA = new Counter();
            pairs.set(labels[i]!, withA);
          }
          for (let j = i + 1; j < labels.length; j++) withA.add(labels[j]!);
        }
      },
      finish(): CoOccurrence[] {
        return [...pairs]
          .flatMap(([a, withA]) => withA.entries().map(([b, records]) => ({ a, b, records, shareOfA: share(records, perLabel.get(a)!), shareOfB: share(records, perLabel.get(b)!) })))
          .sort((x, y) => y.records - x.records || compareText(x.a, y.a) || compareText(x.b, y.b));
      },
    };
  },
};
