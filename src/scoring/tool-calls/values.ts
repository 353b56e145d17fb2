/**
 * Value comparison with the Berkeley Function Calling Leaderboard's semantics: strings are
 * compared after standardisation, numbers by value (so an int is accepted where a float is
 * expected), lists element by element, and dictionaries either literally or as a pattern
 * `{ key: [acceptable values] }` in which a key whose list holds "" may be left out.
 */

/** Drops spaces and , . / - _ * ^, lowercases, and reads ' as ": "April 1, 2024" equals "april 1 2024". */
export function standardize(text: string): string {
  return text.replace(/[ ,./\-_*^]/g, '').toLowerCase().replace(/'/g, '"');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A pattern dictionary: every value is the list of values acceptable for that key. */
function isPattern(value: Record<string, unknown>): value is Record<string, unknown[]> {
  return Object.values(value).every(Array.isArray);
}

export interface CompareOptions {
  /** false: strings must be equal as written. */
  standardizeStrings: boolean;
}

const standard: CompareOptions = { standardizeStrings: true };

/** Whether the given value is one of the acceptable ones ("" stands for "may be omitted"). */
export function matchesAny(given: unknown, acceptable: readonly unknown[], options: CompareOptions = standard): boolean {
  return acceptable.some((candidate) => sameValue(given, candidate, options));
}

export function sameValue(given: unknown, expected: unknown, options: CompareOptions = standard): boolean {
  if (typeof expected === 'string') {
    if (typeof given !== 'string') return false;
    return options.standardizeStrings ? standardize(given) === standardize(expected) : given === expected;
  }
  if (typeof expected === 'number') return typeof given === 'number' && given === expected;
  if (typeof expected === 'boolean' || expected === null) return given === expected;
  if (Array.isArray(expected)) return Array.isArray(given) && given.length === expected.length && expected.every((e, i) => sameValue(given[i], e, options));
  if (isPlainObject(expected)) {
    if (!isPlainObject(given)) return false;
    if (isPattern(expected) && matchesPattern(given, expected, options)) return true;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(given).length && keys.every((k) => Object.hasOwn(given, k) && sameValue(given[k], expected[k], options));
  }
  return false;
}

function matchesPattern(given: Record<string, unknown>, pattern: Record<string, unknown[]>, options: CompareOptions): boolean {
  for (const [key, value] of Object.entries(given)) {
    const acceptable = pattern[key];
    if (!acceptable || !matchesAny(value, acceptable, options)) return false;
  }
  return Object.entries(pattern).every(([key, acceptable]) => Object.hasOwn(given, key) || acceptable.includes(''));
}
