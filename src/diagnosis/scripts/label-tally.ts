import { examplesByKey, type ExampleTally, type Tally } from '../case.js';

export interface LabelledExample {
  example: ExampleTally;
  /** Failing repeats of the example carrying the label. */
  withLabel: number;
}

const made = new WeakMap<Tally, Map<string, LabelledExample[]>>();

/**
 * Per label, the examples whose failing repeats carry it, in example key order: read from the
 * tally (made once per tally), for the scripts that need affected examples. Read only.
 */
export function failingByLabel(tally: Tally): Map<string, LabelledExample[]> {
  const known = made.get(tally);
  if (known !== undefined) return known;
  const byLabel = new Map<string, LabelledExample[]>();
  for (const example of examplesByKey(tally)) {
    for (const { label, repeats } of example.failingLabels ?? []) {
      let list = byLabel.get(label);
      if (list === undefined) {
        list = [];
        byLabel.set(label, list);
      }
      list.push({ example, withLabel: repeats });
    }
  }
  made.set(tally, byLabel);
  return byLabel;
}
