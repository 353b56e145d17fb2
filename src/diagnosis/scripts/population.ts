import type { Case, Tally } from '../case.js';
import { compareText } from '../numbers.js';
import type { BuiltinScript } from '../script.js';
import type { Population, SuiteTally } from '../types.js';

/** What was measured: records and examples by outcome and suite, how the failures were labelled, pass rates over repeats. */
export const population: BuiltinScript<Population> = {
  name: 'population',
  version: 1,
  start() {
    const failures = { labelled: 0, unlabelled: 0, uncritiqued: 0 };
    let passesCritiqued = 0;
    return {
      add(c: Case) {
        if (c.record.status === 'fail') {
          if (c.critique === undefined) failures.uncritiqued += 1;
          else if (c.symptoms.length === 0) failures.unlabelled += 1;
          else failures.labelled += 1;
        } else if (c.record.status === 'pass' && c.critique !== undefined) {
          passesCritiqued += 1;
        }
      },
      finish(tally: Tally): Population {
        const suites = new Map<string, SuiteTally>();
        /** Examples by measured repeats, then by passes (an index: passes <= measured). */
        const rates = new Map<number, number[]>();
        for (const example of tally.examples) {
          let suite = suites.get(example.suite);
          if (suite === undefined) {
            suite = { suite: example.suite, records: 0, pass: 0, fail: 0, error: 0, examples: 0 };
            suites.set(example.suite, suite);
          }
          suite.records += example.pass + example.fail + example.error;
          suite.pass += example.pass;
          suite.fail += example.fail;
          suite.error += example.error;
          suite.examples += 1;
          const measured = example.pass + example.fail;
          let byPasses = rates.get(measured);
          if (byPasses === undefined) {
            byPasses = new Array<number>(measured + 1).fill(0);
            rates.set(measured, byPasses);
          }
          byPasses[example.pass]! += 1;
        }
        const passRates: Population['passRates'] = [];
        for (const measured of [...rates.keys()].sort((a, b) => a - b)) {
          rates.get(measured)!.forEach((examples, passes) => {
            if (examples > 0) passRates.push({ passes, measured, examples });
          });
        }
        return {
          records: tally.pass + tally.fail + tally.error,
          pass: tally.pass,
          fail: tally.fail,
          error: tally.error,
          examples: tally.examples.length,
          suites: [...suites.values()].sort((a, b) => compareText(a.suite, b.suite)),
          failures,
          passesCritiqued,
          passRates,
        };
      },
    };
  },
};
