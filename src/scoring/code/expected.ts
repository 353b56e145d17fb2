/** The hidden part of a code example: its tests, and code that goes before the completion. */
export interface CodeExpected {
  tests: string;
  prefix: string;
  /** Type-check a TypeScript program before running it, whatever the scorer says (the multipl-e importer sets it: its harness compiles with tsc). */
  typecheck?: boolean;
}

/** `expected` is the tests as text, or `{ tests, prefix? }`. */
export function codeExpected(value: unknown): CodeExpected | string {
  if (typeof value === 'string') return { tests: value, prefix: '' };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { tests, prefix, typecheck, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return `unknown key ${Object.keys(rest).map((k) => `"${k}"`).join(', ')} (expected tests and optionally prefix)`;
    if (typeof tests !== 'string') return 'tests: expected the test code as text';
    if (prefix !== undefined && typeof prefix !== 'string') return 'prefix: expected code as text';
    if (typecheck !== undefined && typeof typecheck !== 'boolean') return 'typecheck: expected true or false';
    return { tests, prefix: prefix ?? '', ...(typecheck === undefined ? {} : { typecheck }) };
  }
  return 'expected the test code as text, or { tests, prefix }';
}
