import { fail } from '../core/errors.js';
import type { LoadedSuite } from '../suite/types.js';
import { exampleKey } from './keys.js';
import { compareCodePoints } from './manifest.js';

/**
 * The examples a run is restricted to (`suite/id` keys), checked against the suites: sorted and
 * deduplicated, so the same subset in any order is the same run. Undefined: every example.
 */
export function exampleSubset(suites: readonly LoadedSuite[], examples: readonly string[] | undefined): string[] | undefined {
  if (examples === undefined) return undefined;
  const subset = [...new Set(examples)].sort(compareCodePoints);
  if (subset.length === 0) fail('EUSAGE', 'the run is restricted to an empty list of examples: give at least one `suite/id`, or no list at all for every example');
  const known = new Set(suites.flatMap((suite) => suite.examples.map((example) => exampleKey(suite.name, example.id))));
  const unknown = subset.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    fail('EUSAGE', `the run is restricted to example${unknown.length === 1 ? '' : 's'} the suites do not hold: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? `, and ${unknown.length - 5} more` : ''}`, {
      details: `Examples are named \`suite/id\`, with the suite among those run (${suites.map((s) => s.name).join(', ')}).`,
      data: { unknown: unknown.slice(0, 50) },
    });
  }
  return subset;
}
