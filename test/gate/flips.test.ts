import { describe, expect, it } from 'vitest';
import { classifyFlip, flipsToConfirm, verdictOf } from '../../src/gate/index.js';
import { policy, side } from './build.js';

const counts = (pass: number, fail: number, error = 0) => ({ pass, fail, error });

describe('verdicts and flips', () => {
  it('a side passes by majority of its scored samples; errors are not samples', () => {
    expect(verdictOf(counts(1, 0))).toBe('pass');
    expect(verdictOf(counts(2, 1))).toBe('pass');
    expect(verdictOf(counts(1, 2))).toBe('fail');
    expect(verdictOf(counts(1, 1, 1))).toBe('tie');
    expect(verdictOf(counts(0, 0, 3))).toBe('none');
    expect(verdictOf(counts(0, 1, 2))).toBe('fail');
    expect(verdictOf(undefined)).toBe('none');
  });

  it('classifies flips with repeats by the two sides\' verdicts', () => {
    expect(classifyFlip(counts(3, 0), counts(0, 3))).toBe('p2f');
    expect(classifyFlip(counts(2, 1), counts(1, 2))).toBe('p2f');
    expect(classifyFlip(counts(1, 2), counts(2, 1))).toBe('f2p');
    expect(classifyFlip(counts(2, 1), counts(3, 0))).toBe('stablePass');
    expect(classifyFlip(counts(0, 3), counts(1, 2))).toBe('stableFail');
    expect(classifyFlip(counts(1, 1), counts(0, 2))).toBe('undecided');
    expect(classifyFlip(counts(0, 0, 3), counts(3, 0))).toBe('missing');
    expect(classifyFlip(undefined, counts(3, 0))).toBe('missing');
  });

  it('lists every flip for confirmation except those already flaky by their own samples', () => {
    const baseline = side({ a: 'ppp', b: 'fff', c: 'ppf', d: 'ppp', e: 'fff', h: 'p' });
    const candidate = side({ a: 'fff', b: 'ppp', c: 'fff', d: 'ppp', e: 'fff', h: 'f' });
    expect(flipsToConfirm(baseline, candidate)).toEqual(['s/a', 's/b', 's/h']);
    expect(flipsToConfirm(baseline, candidate, policy())).toEqual(['s/a', 's/b', 's/h']);
  });

  it('lists nothing when the policy confirms nothing', () => {
    const baseline = side({ a: 'p' });
    const candidate = side({ a: 'f' });
    expect(flipsToConfirm(baseline, candidate, policy({ confirmRuns: 0 }))).toEqual([]);
    expect(flipsToConfirm(baseline, candidate, policy({ mode: 'aggregate' }))).toEqual([]);
    expect(flipsToConfirm(baseline, candidate, policy({ mode: 'always' }))).toEqual([]);
  });
});
