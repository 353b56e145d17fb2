import { describe, expect, it } from 'vitest';
import { skipSummary } from './skip-summary.js';

describe('the skip summary line', () => {
  it('counts the skipped tests by the reason their names give, most first', () => {
    expect(
      skipSummary([
        'BFCL (full) (skipped: /x/bfcl is absent) > every answer passes',
        'BFCL (full) (skipped: /x/bfcl is absent) > perturbed answers fail',
        'report in a browser (skipped: no headless Chromium) > renders',
        'something else',
      ]),
    ).toBe('skipped 4 tests: 2 (/x/bfcl is absent), 1 (no headless Chromium), 1 (no reason given)');
  });

  it('says nothing when nothing was skipped', () => {
    expect(skipSummary([])).toBeUndefined();
  });
});
