import { fail } from '../core/errors.js';

/** One setting of the world's noise a study runs every line and policy under. */
export interface NoiseLevel {
  flakyShare: number;
  rerollRate: number;
}

/** The default levels: none, the documented default, and about three times it (flaky 0.08 → 0.2, re-roll 0.03 → 0.1). */
export const DEFAULT_FLAKY_LEVELS = [0, 0.08, 0.2];
export const DEFAULT_REROLL_LEVELS = [0, 0.03, 0.1];

/**
 * The noise levels, one factor at a time around the world's own setting: each flaky share with
 * the world's re-roll rate, then each re-roll rate with the world's flaky share (the centre once).
 * The two noises hit different gate rules (flaky examples make false flips, which confirmation
 * reruns catch; re-rolls make real but incidental regressions, which only per-example
 * accounting sees), so sweeping each alone shows each effect; the full grid (`grid`) costs
 * |flaky| × |reroll| levels instead of |flaky| + |reroll| − 1 and answers a question the study
 * does not ask (how the two interact).
 */
export function noiseLevels(centre: NoiseLevel, flaky: readonly number[], reroll: readonly number[], grid = false): NoiseLevel[] {
  for (const [flag, values] of [['--flaky', flaky], ['--reroll', reroll]] as const) {
    if (values.length === 0) fail('EUSAGE', `${flag}: give at least one level`);
    for (const v of values) {
      if (!(Number.isFinite(v) && v >= 0 && v <= 1)) fail('EUSAGE', `${flag}: ${v} is not a share between 0 and 1`, { details: `Give comma-separated shares, e.g. ${flag} 0,0.08,0.2.` });
    }
  }
  const levels: NoiseLevel[] = grid
    ? flaky.flatMap((flakyShare) => reroll.map((rerollRate) => ({ flakyShare, rerollRate })))
    : [...flaky.map((flakyShare) => ({ flakyShare, rerollRate: centre.rerollRate })), ...reroll.map((rerollRate) => ({ flakyShare: centre.flakyShare, rerollRate }))];
  const seen = new Set<string>();
  return levels.filter((level) => {
    const key = levelName(level);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function levelName(level: NoiseLevel): string {
  return `flaky ${level.flakyShare} · re-roll ${level.rerollRate}`;
}

/** Parses a comma-separated list of shares (a CLI flag). */
export function parseLevels(text: string, flag: string): number[] {
  const values = text.split(',').map((part) => part.trim());
  return values.map((part) => {
    const value = Number(part);
    if (part === '' || !Number.isFinite(value)) fail('EUSAGE', `${flag}: "${part}" is not a number`, { details: `Give comma-separated shares between 0 and 1, e.g. ${flag} 0,0.08,0.2.` });
    return value;
  });
}
