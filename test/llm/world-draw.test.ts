import { describe, expect, it } from 'vitest';
import { draw } from '../../src/llm/sim/world/draw.js';
import { BoundedMemo } from '../../src/llm/sim/world/memo.js';

describe('the world\'s seeded draws', () => {
  it('gives the same number for the same parts, and tells apart parts split differently', () => {
    expect(draw(1, 'sample', 'e1', 7)).toBe(draw(1, 'sample', 'e1', 7));
    expect(draw('ab', 'c')).not.toBe(draw('a', 'bc'));
    expect(draw(1, 'x')).not.toBe(draw(2, 'x'));
  });

  it('spreads consecutive seeds evenly over [0, 1) (chi-square over 20 buckets)', () => {
    const n = 20_000;
    const buckets = new Array<number>(20).fill(0);
    for (let seed = 0; seed < n; seed += 1) {
      const u = draw(1, 'sample', 'suite', 'e1', 'prompt-hash', seed);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      buckets[Math.floor(u * 20)]! += 1;
    }
    const expected = n / 20;
    const chi2 = buckets.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: mean 19, sd about 6; 60 is far in the tail of a uniform source.
    expect(chi2).toBeLessThan(60);
  });
});

describe('the bounded memo', () => {
  it('computes once per key and forgets the least recently used beyond its limit', () => {
    const memo = new BoundedMemo<string, number>(2);
    let computed = 0;
    const get = (key: string) => memo.get(key, () => ++computed);
    expect([get('a'), get('b'), get('a')]).toEqual([1, 2, 1]);
    get('c'); // evicts b, the least recently used
    expect(memo.size).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4);
  });
});
