import type { Split } from '../core/records.js';
import type { ExampleTruth, WorldCore } from '../llm/sim/world/index.js';
import { exampleKey } from '../run/index.js';
import type { LoadedExample, LoadedSuite } from '../suite/index.js';
import { worldPrompt, type StudyVersion } from './version.js';

/** What the ground truth needs of a version: its identity and the system prompt it sends. */
export type TruthVersion = Pick<StudyVersion, 'hash' | 'system'>;

/** The world's true pass probability of every annotated example under one version, and its means per split. */
export interface VersionTruth {
  /** p(example, prompt) by `suite/id`. */
  byKey: ReadonlyMap<string, number>;
  /** The world's whole truth of each example (re-rolled, breakers, failure mode). */
  examples: ReadonlyMap<string, ExampleTruth>;
  dev: number | null;
  holdout: number | null;
  /** Over every annotated example, both splits. */
  all: number | null;
}

/** The examples the ground truth covers: those the world knows (annotated), with their split. */
export interface TruthExample {
  key: string;
  suite: string;
  id: string;
  split: Split;
  example: LoadedExample;
}

export function truthExamples(world: WorldCore, suites: readonly LoadedSuite[]): TruthExample[] {
  return suites.flatMap((suite) =>
    suite.examples.filter((e) => world.catalogue.suite(suite.name)?.example(e.id) !== undefined).map((e) => ({ key: exampleKey(suite.name, e.id), suite: suite.name, id: e.id, split: e.split, example: e })),
  );
}

/**
 * Ground truth from the world alone (world.truth), one version at a time, remembered by tree
 * hash. It is read only by the study's accounting, after the fact: nothing here reaches the
 * stages, the gate or the model layer.
 */
export class TruthTable {
  private readonly known = new Map<string, VersionTruth>();

  constructor(
    private readonly world: WorldCore,
    private readonly examples: readonly TruthExample[],
  ) {}

  of(version: TruthVersion): VersionTruth {
    let found = this.known.get(version.hash);
    if (!found) this.known.set(version.hash, (found = this.compute(version)));
    return found;
  }

  private compute(version: TruthVersion): VersionTruth {
    const byKey = new Map<string, number>();
    const examples = new Map<string, ExampleTruth>();
    const sums = { dev: { p: 0, n: 0 }, holdout: { p: 0, n: 0 } };
    for (const e of this.examples) {
      const truth = this.world.truth(e.suite, e.id, worldPrompt(version, e.example));
      const p = truth.passProbability;
      byKey.set(e.key, p);
      examples.set(e.key, truth);
      sums[e.split].p += p;
      sums[e.split].n += 1;
    }
    const mean = (s: { p: number; n: number }) => (s.n === 0 ? null : s.p / s.n);
    const total = { p: sums.dev.p + sums.holdout.p, n: sums.dev.n + sums.holdout.n };
    return { byKey, examples, dev: mean(sums.dev), holdout: mean(sums.holdout), all: mean(total) };
  }
}
