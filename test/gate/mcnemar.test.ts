import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../src/gate/index.js';

/** Exact reference: 2 · Σ_{i≤k} C(n,i) / 2^n with BigInt, returned as a natural log. */
function exactLogP(b: number, c: number): number {
  const n = b + c;
  const k = Math.min(b, c);
  let term = 1n;
  let sum = 1n;
  for (let i = 1; i <= k; i++) {
    term = (term * BigInt(n - i + 1)) / BigInt(i); // exact: C(n,i-1)·(n-i+1) is divisible by i
    sum += term;
  }
  const bits = sum.toString(2).length;
  const shift = Math.max(0, bits - 60);
  const top = Number(sum >> BigInt(shift));
  return Math.log(top) + shift * Math.LN2 + Math.LN2 - n * Math.LN2;
}

describe('mcnemarExact', () => {
  it('matches hand-computed p-values on small cases', () => {
    expect(mcnemarExact(0, 0)).toBe(1); // n = 0: no evidence
    expect(mcnemarExact(0, 1)).toBe(1); // 2 · 1/2
    expect(mcnemarExact(1, 0)).toBe(1);
    expect(mcnemarExact(0, 5)).toBeCloseTo(2 / 32, 15); // 0.0625
    expect(mcnemarExact(5, 0)).toBeCloseTo(0.0625, 15);
    expect(mcnemarExact(0, 6)).toBeCloseTo(2 / 64, 15); // the fewest fixes significant at 0.05
    expect(mcnemarExact(1, 9)).toBeCloseTo((2 * (1 + 10)) / 1024, 15); // 0.021484375
    expect(mcnemarExact(3, 3)).toBe(1); // 2 · 42/64 > 1, capped
  });

  it('matches the exact sum for (10, 40)', () => {
    // Σ_{i≤10} C(50,i) = 1 + 50 + 1225 + 19600 + 230300 + 2118760 + 15890700 + 99884400
    //                   + 536878650 + 2505433700 + 10272278170 = 13432735556
    const expected = (2 * 13432735556) / 2 ** 50;
    expect(mcnemarExact(10, 40)).toBeCloseTo(expected, 15);
    expect(mcnemarExact(10, 40) / expected).toBeCloseTo(1, 12);
    expect(mcnemarExact(40, 10)).toBe(mcnemarExact(10, 40));
  });

  it('stays exact for large n, where 2^n overflows a double', () => {
    for (const [b, c] of [[400, 600], [450, 551], [4000, 6000], [4900, 5100], [4990, 5010], [1, 20000]] as const) {
      const p = mcnemarExact(b, c);
      const reference = exactLogP(b, c);
      expect(Number.isFinite(p)).toBe(true);
      if (reference < Math.log(Number.MIN_VALUE)) expect(p).toBe(0);
      else expect(Math.log(p) / reference).toBeCloseTo(1, 9);
    }
    expect(mcnemarExact(5000, 5000)).toBe(1);
  });

  it('agrees with the normal approximation at n = 1,000,000', () => {
    const b = 499_000;
    const c = 501_000;
    const z = (Math.abs(c - b) - 1) / Math.sqrt(b + c);
    // Two-sided normal tail, by the complementary error function's series-free approximation (Abramowitz-Stegun 7.1.26).
    const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
    const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(z * z) / 2);
    expect(mcnemarExact(b, c)).toBeCloseTo(erfc, 3);
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(/p2f/);
  });
});
