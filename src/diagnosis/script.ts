import type { Case, Tally } from './case.js';

/** Settings every built-in script may read, with their defaults filled in. */
export interface ScriptSettings {
  exemplars: number;
  mustPass: ReadonlySet<string>;
}

/**
 * A built-in diagnosis script: a pure fold over the dev cases (records joined to their
 * critiques). `add` sees each failing or critiqued dev record once, in any order (a passing
 * record nobody critiqued, or an error, is only counted in the entrance's tally); `finish`
 * turns its state and the tally into the result, sorting everything, so the order of arrival
 * never shows. All scripts are fed in the same single pass over the records.
 */
export interface BuiltinScript<R> {
  name: string;
  /** Bumped whenever the script's output changes meaning or shape. */
  version: number;
  start(settings: ScriptSettings): ScriptRun<R>;
}

export interface ScriptRun<R> {
  add(c: Case): void;
  finish(tally: Tally): R;
}
