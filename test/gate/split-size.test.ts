import { describe, expect, it } from 'vitest';
import { holdoutTooSmallText, splitTooSmall } from '../../src/gate/index.js';

describe('a split too small for a rate threshold', () => {
  it('is flagged when one example is more than the threshold, with the examples needed', () => {
    expect(splitTooSmall(2, 0.02)).toEqual({ examples: 2, step: 0.5, threshold: 0.02, needed: 50 });
    expect(splitTooSmall(49, 0.02)?.needed).toBe(50);
    expect(splitTooSmall(50, 0.02)).toBeNull();
    expect(splitTooSmall(7, 0.1)?.needed).toBe(10);
  });

  it('is not flagged for an empty split or a threshold of zero (which means "none" by design)', () => {
    expect(splitTooSmall(0, 0.02)).toBeNull();
    expect(splitTooSmall(3, 0)).toBeNull();
  });

  it('says what the rule can then mean', () => {
    expect(holdoutTooSmallText(splitTooSmall(2, 0.02)!)).toBe('with 2 holdout examples one regression is a drop of 50.0%, over the 2.0% allowed: the rule can only mean "no net holdout regression"; about 50 holdout examples would let it mean 2.0%');
  });
});
