import type { Case, Tally } from '../case.js';
import { compareText, share } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { AffectedExample } from '../types.js';
import { FailingByExample } from './label-tally.js';

export type AffectedByLabel = Array<{ label: string; examples: AffectedExample[] }>;

/** Per label, the examples with a failing repeat carrying it: most such repeats first, then by key. */
export const affectedExamples: BuiltinScript<AffectedByLabel> = {
  name: 'affected-examples',
  version: 1,
  start() {
    const byExample = new FailingByExample();
    return {
      add: (c: Case) => byExample.add(c),
      finish(tally: Tally): AffectedByLabel {
        return [...byExample.byLabel]
          .sort(([a], [b]) => compareText(a, b))
          .map(([label, examples]) => ({
            label,
            examples: [...examples]
              .map(([key, withLabel]): AffectedExample => {
                const example = tally.examples.get(key)!;
                const measured = example.pass + example.fail;
                return { key, suite: example.suite, exampleId: example.exampleId, tags: example.tags, withLabel, failing: example.fail, measured, passRate: share(example.pass, measured) };
              })
              .sort((a, b) => b.withLabel - a.withLabel || compareText(a.key, b.key)),
          }));
      },
    };
  },
};
