import type { Tally } from '../case.js';
import { compareText, share } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { AffectedExample } from '../types.js';
import { failingByLabel } from './label-tally.js';

export type AffectedByLabel = Array<{ label: string; examples: AffectedExample[] }>;

/** Per label, the examples with a failing repeat carrying it: most such repeats first, then by key. */
export const affectedExamples: BuiltinScript<AffectedByLabel> = {
  name: 'affected-examples',
  version: 1,
  start() {
    return {
      add() {},
      finish(tally: Tally): AffectedByLabel {
        return [...failingByLabel(tally)]
          .sort(([a], [b]) => compareText(a, b))
          .map(([label, examples]) => ({
            label,
            examples: examples
              .map(({ example, withLabel }): AffectedExample => {
                const measured = example.pass + example.fail;
                return { key: example.key, withLabel, failing: example.fail, measured, passRate: share(example.pass, measured) };
              })
              // In key order already: a stable sort on the count keeps key order among equals.
              .sort((a, b) => b.withLabel - a.withLabel),
          }));
      },
    };
  },
};
