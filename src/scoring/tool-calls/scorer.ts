import type { z } from 'zod';
import type { ToolDefinition, toolCallsScorerSchema } from '../../config/index.js';
import type { LoadedExample } from '../../suite/types.js';
import { quote, readField } from '../field.js';
import { cannotScore, failed, passed } from '../result.js';
import type { Scorer, ScorerContext } from '../types.js';
import { givenCalls, type GivenCall } from './calls.js';
import { callProblems, sameName } from './check-call.js';
import { describeExpected, parseExpectedCalls, type ExpectedCall } from './expected.js';
import { maximumMatching, orderedMatching } from './matching.js';

type ToolCallsConfig = z.infer<typeof toolCallsScorerSchema>;

const describeGiven = (call: GivenCall) => `${call.name}(${quote(call.arguments, 200)})`;

/**
 * Scores the calls an episode made against the expected ones (BFCL ground-truth form). Calls
 * are matched one to one, in any order unless `ordered`; the count must be equal. Strings are
 * compared after BFCL's standardisation unless `standardizeStrings` is false. Score: the
 * share of expected calls matched, over the larger of the two counts.
 */
export function toolCallsScorer(config: ToolCallsConfig, context: ScorerContext): Scorer {
  const where = `expected${config.expectedField ? `.${config.expectedField}` : ''}`;
  const definitionsOf = (example: LoadedExample): ToolDefinition[] => example.tools ?? context.tools?.definitions(example) ?? [];
  return {
    check(example) {
      const expected = parseExpectedCalls(readField(example.expected, config.expectedField));
      return typeof expected === 'string' ? `${where}: ${expected}` : undefined;
    },
    async score({ example, output, trace }) {
      const expected = parseExpectedCalls(readField(example.expected, config.expectedField));
      if (typeof expected === 'string') return cannotScore(`${where}: ${expected}`);
      const { calls, malformed } = givenCalls(output, trace);
      const definitions = definitionsOf(example);
      const definitionOf = (name: string) => definitions.find((d) => sameName(name, d.name));
      const malformedNote = malformed > 0 ? ` (${malformed} entr${malformed === 1 ? 'y' : 'ies'} of toolCalls had no function name)` : '';

      if (expected.length === 0) {
        return calls.length === 0 && malformed === 0
          ? passed('no tool call was expected and none was made')
          : failed(`no tool call was expected, but ${calls.length} were made: ${calls.map(describeGiven).join('; ')}${malformedNote}`);
      }

      const problems = (e: ExpectedCall, c: GivenCall) => callProblems(c, e, definitionOf(e.name), config);
      const fits = expected.map((e) => calls.map((c) => problems(e, c).length === 0));
      const matchOf = config.ordered ? orderedMatching(fits, calls.length) : maximumMatching(fits, calls.length);
      const matched = matchOf.filter((m) => m !== undefined).length;
      const score = matched / Math.max(expected.length, calls.length);
      if (matched === expected.length && calls.length === expected.length && malformed === 0) {
        return passed(`all ${expected.length} expected call${expected.length === 1 ? '' : 's'} made${config.ordered ? ' in order' : ''}: ${calls.map(describeGiven).join('; ')}`);
      }

      const lines: string[] = [];
      if (calls.length !== expected.length) lines.push(`expected ${expected.length} call${expected.length === 1 ? '' : 's'}, got ${calls.length}${malformedNote}`);
      const used = new Set(matchOf.filter((m): m is number => m !== undefined));
      expected.forEach((e, i) => {
        if (matchOf[i] !== undefined) return;
        lines.push(`call ${i + 1} ${describeExpected(e)}: ${explainMiss(e, calls, used, problems)}`);
      });
      // Surplus calls; with equal counts, every unmatched call was already quoted as the closest.
      if (calls.length > expected.length) {
        calls.forEach((c, i) => {
          if (!used.has(i)) lines.push(`unexpected call ${describeGiven(c)}`);
        });
      }
      return failed(lines.join('\n'), score);
    },
  };
}

/** Why an expected call found no partner: the problems with the closest call not matched to another. */
function explainMiss(expected: ExpectedCall, calls: GivenCall[], used: Set<number>, problems: (e: ExpectedCall, c: GivenCall) => string[]): string {
  const candidates = calls.filter((_, i) => !used.has(i));
  const sameFunction = candidates.filter((call) => sameName(call.name, expected.name));
  const closest = (sameFunction.length > 0 ? sameFunction : candidates)
    .map((call) => ({ call, problems: problems(expected, call) }))
    .sort((a, b) => a.problems.length - b.problems.length)[0];
  if (!closest) return 'not made';
  // Only ordered matching leaves a fitting call unused: it came at the wrong point.
  if (closest.problems.length === 0) return `made out of order: ${describeGiven(closest.call)}`;
  return `not made; the closest call ${describeGiven(closest.call)}: ${closest.problems.join('; ')}`;
}
