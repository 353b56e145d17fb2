import { examplesByKey, type Tally } from '../case.js';
import { compareText } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { GuardedExample, RegressionGuard } from '../types.js';

export const GUARD_RULE = 'every measured repeat passed (at least one); infrastructure errors are not counted as passes or fails';

/**
 * The examples that pass today and must keep passing: every measured repeat passed. The
 * release candidate's change is judged against them first; fragile and must-pass ones are
 * marked.
 */
export const regressionGuard: BuiltinScript<RegressionGuard> = {
  name: 'regression-guard',
  version: 1,
  start(settings) {
    return {
      add() {},
      finish(tally: Tally): RegressionGuard {
        const list: GuardedExample[] = [];
        for (const e of examplesByKey(tally)) {
          if (e.pass === 0 || e.fail > 0) continue;
          list.push({ key: e.key, passes: e.pass, measured: e.pass + e.fail, errors: e.error, fragile: e.fragile, mustPass: settings.mustPass.has(e.key) });
        }
        // Must-pass examples measured here but not in the guard.
        const mustPassNotPassing = tally.examples
          .filter((e) => (e.pass === 0 || e.fail > 0) && settings.mustPass.has(e.key))
          .map((e) => e.key)
          .sort(compareText);
        return { rule: GUARD_RULE, examples: list.length, list, mustPassNotPassing };
      },
    };
  },
};
