import { fail } from '../core/errors.js';
import type { LoadedExample, LoadedSuite } from '../suite/types.js';

export interface ExampleEntry {
  example: LoadedExample;
  /** The example's own rubric, else its suite's. */
  rubric: string | undefined;
}

/** Finds the example a record is about in the suites it was run on. */
export class ExampleIndex {
  private readonly suites = new Map<string, { rubric: string | undefined; examples: Map<string, LoadedExample> }>();

  constructor(suites: readonly LoadedSuite[]) {
    for (const suite of suites) {
      this.suites.set(suite.name, { rubric: suite.config.rubric, examples: new Map(suite.examples.map((e) => [e.id, e])) });
    }
  }

  get(suiteName: string, exampleId: string): ExampleEntry {
    const suite = this.suites.get(suiteName);
    if (!suite) {
      return fail('ENOT_FOUND', `suite "${suiteName}" of a record is not among the suites given to the critic (${[...this.suites.keys()].join(', ') || 'none'})`, {
        details: 'Critique a run with the suites it was run on.',
      });
    }
    const example = suite.examples.get(exampleId);
    if (!example) {
      return fail('ENOT_FOUND', `suite "${suiteName}" has no example "${exampleId}" any more`, {
        details: 'The suite changed since the run; run the current suite again and critique that run.',
      });
    }
    return { example, rubric: example.rubric ?? suite.rubric };
  }
}
