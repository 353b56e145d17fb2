import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frozenCases, frozenReplies } from './sim-engineer-frozen.js';

describe('the simulated engineer on requests without a refusal history', () => {
  it('gives the very same reply as before it read histories (golden hashes of 288 requests)', () => {
    const golden = JSON.parse(readFileSync(new URL('./fixtures/sim-engineer-frozen.json', import.meta.url), 'utf8')) as Record<string, string>;
    expect(Object.keys(golden)).toHaveLength(frozenCases().length);
    expect(frozenReplies()).toEqual(golden);
  });
});
