import type { GatePolicy } from '../config/index.js';
import type { ExampleOutcome } from './types.js';

/** The part of a loaded suite that names its must-pass examples (LoadedSuite fits). */
export interface MustPassSuite {
  name: string;
  config: { mustPass: readonly string[] };
}

/** The policy's must-pass entries and every suite's, the latter as `suite/id`. */
export function mustPassOf(policy: Pick<GatePolicy, 'mustPass'>, suites: Iterable<MustPassSuite> = []): string[] {
  const entries = new Set(policy.mustPass);
  for (const suite of suites) for (const id of suite.config.mustPass) entries.add(`${suite.name}/${id}`);
  return [...entries];
}

/**
 * A matcher for must-pass entries: `tag:<t>` matches examples carrying tag t, an entry with a
 * "/" the example key `suite/id`, any other entry the example id in every suite.
 */
export function mustPassMatcher(entries: readonly string[]): (example: Pick<ExampleOutcome, 'key' | 'exampleId' | 'tags'>) => boolean {
  if (entries.length === 0) return () => false;
  const tags = new Set<string>();
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.startsWith('tag:')) tags.add(entry.slice(4));
    else if (entry.includes('/')) keys.add(entry);
    else ids.add(entry);
  }
  return (example) => keys.has(example.key) || ids.has(example.exampleId) || example.tags.some((tag) => tags.has(tag));
}
