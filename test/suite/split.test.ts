import { describe, expect, it } from 'vitest';
import { splitOf } from '../../src/suite/index.js';

describe('dev/holdout split', () => {
  const ids = Array.from({ length: 4000 }, (_, i) => `example-${i}`);

  it('is a pure function of id and salt: the same ids always land in the same split', () => {
    const first = ids.map((id) => splitOf(id, { holdout: 0.2, salt: 'x' }));
    const again = [...ids].reverse().map((id) => splitOf(id, { holdout: 0.2, salt: 'x' })).reverse();
    expect(again).toEqual(first);
  });

  it('holds out about the configured share', () => {
    for (const holdout of [0, 0.2, 0.5]) {
      const share = ids.filter((id) => splitOf(id, { holdout, salt: 's' }) === 'holdout').length / ids.length;
      expect(Math.abs(share - holdout)).toBeLessThan(0.03);
    }
  });

  it('a different salt gives a different split', () => {
    const a = ids.map((id) => splitOf(id, { holdout: 0.3, salt: 'a' }));
    const b = ids.map((id) => splitOf(id, { holdout: 0.3, salt: 'b' }));
    expect(a.filter((split, i) => split !== b[i]).length).toBeGreaterThan(ids.length * 0.2);
  });

  it('a larger share only moves examples from dev to holdout', () => {
    for (const id of ids.slice(0, 500)) {
      if (splitOf(id, { holdout: 0.2, salt: 's' }) === 'holdout') expect(splitOf(id, { holdout: 0.4, salt: 's' })).toBe('holdout');
    }
  });
});
