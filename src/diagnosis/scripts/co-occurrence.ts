import type { Case } from '../case.js';
import { compareText, increment, share } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { CoOccurrence } from '../types.js';

const SEPARATOR = '\u0000';

/** Pairs of labels seen on the same failing record, most frequent first. */
export const coOccurrence: BuiltinScript<CoOccurrence[]> = {
  name: 'co-occurrence',
  version: 1,
  start() {
    const perLabel = new Map<string, number>();
    const pairs = new Map<string, number>();
    return {
      add(c: Case) {
        if (c.record.status !== 'fail') return;
        const labels = c.labels; // distinct and sorted
        for (let i = 0; i < labels.length; i++) {
          increment(perLabel, labels[i]!);
          for (let j = i + 1; j < labels.length; j++) increment(pairs, `${labels[i]}${SEPARATOR}${labels[j]}`);
        }
      },
      finish(): CoOccurrence[] {
        return [...pairs]
          .map(([pair, records]) => {
            const [a, b] = pair.split(SEPARATOR) as [string, string];
            return { a, b, records, shareOfA: share(records, perLabel.get(a)!), shareOfB: share(records, perLabel.get(b)!) };
          })
          .sort((x, y) => y.records - x.records || compareText(x.a, y.a) || compareText(x.b, y.b));
      },
    };
  },
};
