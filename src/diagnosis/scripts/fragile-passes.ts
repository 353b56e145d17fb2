import type { Case } from '../case.js';
import { isFragile } from '../entrance.js';
import { compareText, increment, sortedCounts } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { FragilePass, FragilePasses } from '../types.js';

/** Passing records the critic flagged (verdict fragile-pass, or symptoms named): passes that may not survive a change. */
export const fragilePasses: BuiltinScript<FragilePasses> = {
  name: 'fragile-passes',
  version: 1,
  start() {
    const list: FragilePass[] = [];
    const examples = new Set<string>();
    const byLabel = new Map<string, number>();
    return {
      add(c: Case) {
        if (!isFragile(c)) return;
        list.push({ key: c.key, suite: c.record.suite, exampleId: c.record.exampleId, repeat: c.record.repeat, labels: [...c.labels] });
        examples.add(c.exampleKey);
        for (const label of c.labels) increment(byLabel, label);
      },
      finish(): FragilePasses {
        list.sort((a, b) => compareText(a.key, b.key));
        return { records: list.length, examples: examples.size, byLabel: sortedCounts(byLabel), list };
      },
    };
  },
};
