import type { Example } from '../../src/config/index.js';
import type { LoadedExample } from '../../src/suite/index.js';

/** A loaded example for scorer tests: only what the test sets matters. */
export function example(fields: Partial<Example> & { id?: string } = {}): LoadedExample {
  return { id: 'e1', input: 'task', tags: [], suite: 'test', split: 'dev', ...fields };
}
