import type { Case } from '../case.js';
import { increment } from '../numbers.js';

/** Per label: the failing repeats carrying it, by example. Shared by the scripts that need affected examples. */
export class FailingByExample {
  readonly byLabel = new Map<string, Map<string, number>>();

  add(c: Case): void {
    if (c.record.status !== 'fail') return;
    for (const label of c.labels) {
      let examples = this.byLabel.get(label);
      if (examples === undefined) {
        examples = new Map();
        this.byLabel.set(label, examples);
      }
      increment(examples, c.exampleKey);
    }
  }
}
