import { describe, expect, it } from 'vitest';
import { estimate, tCdf, tQuantile } from '../../src/study/index.js';
import { clipped, incompleteBeta, logGamma } from '../../src/study/stats.js';

describe('Student t', () => {
  it('gives the tabled 97.5% quantiles', () => {
    // Two-sided 95% critical values from any t table.
    const table: Array<[number, number]> = [[1, 12.706], [2, 4.303], [3, 3.182], [5, 2.571], [10, 2.228], [19, 2.093], [30, 2.042], [49, 2.0096], [120, 1.9799]];
    for (const [df, t] of table) expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3);
  });

  it('is symmetric, and its CDF inverts its quantile', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.025, 7)).toBeCloseTo(-tQuantile(0.975, 7), 10);
    for (const p of [0.6, 0.9, 0.99]) expect(tCdf(tQuantile(p, 4), 4)).toBeCloseTo(p, 9);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
  });

  it('rests on a correct incomplete beta and log-gamma', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.2, 2, 3)).toBeCloseTo(0.1808, 12); // 1 - (0.8^4 + 4·0.2·0.8^3)... = 0.1808
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe('estimate', () => {
  it('gives the mean and the 95% t interval of a known sample', () => {
    // 1..5: mean 3, s = 1.5811, s/√5 = 0.7071, t(0.975, 4) = 2.7764 → 3 ± 1.9632.
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.mean).toBe(3);
    expect(e.low).toBeCloseTo(1.0368, 4);
    expect(e.high).toBeCloseTo(4.9632, 4);
    expect(e.n).toBe(5);
  });

  it('has a zero-width interval for a constant sample, none for one value or none at all, and skips undefined values', () => {
    expect(estimate([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, low: 0.5, high: 0.5, n: 3 });
    expect(estimate([7])).toEqual({ mean: 7, low: null, high: null, n: 1 });
    expect(estimate([])).toEqual({ mean: null, low: null, high: null, n: 0 });
    expect(estimate([null, 2, null, 4])).toMatchObject({ mean: 3, n: 2 });
  });

  it('clips an interval to the measure\'s range, never the mean', () => {
    expect(clipped({ mean: 0.02, low: -0.01, high: 0.05, n: 9 }, 0, 1)).toEqual({ mean: 0.02, low: 0, high: 0.05, n: 9 });
    expect(clipped({ mean: 0.99, low: 0.97, high: 1.01, n: 9 }, 0, 1)).toEqual({ mean: 0.99, low: 0.97, high: 1, n: 9 });
  });
});
