import type { z } from 'zod';
import type { regexScorerSchema } from '../config/index.js';
import { asText, quote, readField } from './field.js';
import { cannotScore, failed, passed } from './result.js';
import type { Scorer } from './types.js';

type RegexConfig = z.infer<typeof regexScorerSchema>;

interface Patterns {
  match: RegExp[];
  forbid: RegExp[];
}

const list = (value: unknown): string[] | undefined =>
  value === undefined ? [] : typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

/** The example's patterns: a pattern, a list that must all match, or `{ match, forbid }`. */
function patternsOf(source: unknown, flags: string): Patterns | string {
  let match: string[] | undefined;
  let forbid: string[] | undefined = [];
  if (source !== null && typeof source === 'object' && !Array.isArray(source)) {
    const { match: m, forbid: f, ...rest } = source as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return `unknown key${Object.keys(rest).length > 1 ? 's' : ''} ${Object.keys(rest).join(', ')} (expected match and/or forbid)`;
    match = list(m);
    forbid = list(f);
  } else {
    match = list(source);
  }
  if (!match || !forbid) return 'expected a pattern, a list of patterns, or { match, forbid }';
  if (match.length + forbid.length === 0) return 'no pattern given';
  try {
    const compile = (p: string) => new RegExp(p, flags.replace('g', '').replace('y', ''));
    return { match: match.map(compile), forbid: forbid.map(compile) };
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
}

/** Passes when the answer matches every required pattern and none of the forbidden ones. */
export function regexScorer(config: RegexConfig): Scorer {
  const where = config.pattern !== undefined ? 'scorer.pattern' : `expected${config.expectedField ? `.${config.expectedField}` : ''}`;
  const resolve = (expected: unknown) => patternsOf(config.pattern ?? readField(expected, config.expectedField), config.flags);
  return {
    check(example) {
      const patterns = resolve(example.expected);
      return typeof patterns === 'string' ? `${where}: ${patterns}` : undefined;
    },
    async score({ example, output }) {
      const patterns = resolve(example.expected);
      if (typeof patterns === 'string') return cannotScore(`${where}: ${patterns}`);
      const text = asText(readField(output, config.field));
      if (text === undefined) return failed(`no ${config.field} in the output; it must match ${patterns.match.map(String).join(' and ')}`);
      const missing = patterns.match.filter((re) => !re.test(text));
      const present = patterns.forbid.filter((re) => re.test(text));
      const total = patterns.match.length + patterns.forbid.length;
      if (missing.length === 0 && present.length === 0) return passed(`${config.field} matches ${total === 1 ? 'the expected pattern' : `all ${total} expectations`}`);
      const problems = [
        ...missing.map((re) => `it does not match ${String(re)}`),
        ...present.map((re) => `it contains what is not allowed: ${String(re)} matched ${quote(re.exec(text)?.[0] ?? '')}`),
      ];
      return failed(`${config.field} ${quote(text)}: ${problems.join('; ')}`, (total - missing.length - present.length) / total);
    },
  };
}
