import { describe, expect, it } from 'vitest';
import { noiseLevels, parseLevels } from '../../src/study/index.js';

const centre = { flakyShare: 0.08, rerollRate: 0.03 };

describe('noise levels', () => {
  it('sweeps one factor at a time around the world\'s setting, the centre once', () => {
    expect(noiseLevels(centre, [0, 0.08, 0.2], [0, 0.03, 0.1])).toEqual([
      { flakyShare: 0, rerollRate: 0.03 },
      { flakyShare: 0.08, rerollRate: 0.03 },
      { flakyShare: 0.2, rerollRate: 0.03 },
      { flakyShare: 0.08, rerollRate: 0 },
      { flakyShare: 0.08, rerollRate: 0.1 },
    ]);
  });

  it('crosses every level with --grid', () => {
    expect(noiseLevels(centre, [0, 0.2], [0, 0.1], true)).toEqual([
      { flakyShare: 0, rerollRate: 0 },
      { flakyShare: 0, rerollRate: 0.1 },
      { flakyShare: 0.2, rerollRate: 0 },
      { flakyShare: 0.2, rerollRate: 0.1 },
    ]);
  });

  it('refuses shares outside [0, 1], empty lists and words, naming the flag', () => {
    expect(() => noiseLevels(centre, [1.5], [0])).toThrow(expect.objectContaining({ code: 'EUSAGE', message: expect.stringContaining('--flaky: 1.5') }));
    expect(() => noiseLevels(centre, [0], [])).toThrow(expect.objectContaining({ code: 'EUSAGE', message: expect.stringContaining('--reroll') }));
    expect(() => parseLevels('0,lots', '--flaky')).toThrow(expect.objectContaining({ code: 'EUSAGE', message: '--flaky: "lots" is not a number' }));
    expect(() => parseLevels('0,,1', '--reroll')).toThrow(expect.objectContaining({ code: 'EUSAGE' }));
    expect(parseLevels(' 0, 0.08 ,0.2', '--flaky')).toEqual([0, 0.08, 0.2]);
  });
});
