import { simWorldSchema } from '../config/index.js';
import { integer } from '../report/index.js';
import type { NoiseLevel } from './levels.js';
import type { Estimate } from './stats.js';

export type MetricKind = 'rate' | 'count' | 'large';

/** A value as the study's tables show it: rates in percent, counts with one decimal, large numbers whole. */
export function value(x: number | null, kind: MetricKind): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (kind === 'rate') return `${(x * 100).toFixed(1)}%`;
  if (kind === 'count') return x.toFixed(2);
  return integer(x);
}

/** `mean [low, high]`, the interval's bounds in the mean's unit (rates without the % sign). */
export function estimateText(e: Estimate, kind: MetricKind): string {
  if (e.mean === null) return '—';
  const mean = value(e.mean, kind);
  if (e.low === null || e.high === null) return mean;
  const bound = (x: number) => (kind === 'rate' ? (x * 100).toFixed(1) : kind === 'count' ? x.toFixed(2) : integer(x));
  return `${mean} [${bound(e.low)}, ${bound(e.high)}]`;
}

const DEFAULTS = simWorldSchema.parse({});

/** A noise level in words, each value marked when it is the world's documented default. */
export function noiseText(noise: NoiseLevel): string {
  const mark = (x: number, d: number) => (x === d ? ' (default)' : '');
  return `flaky share ${noise.flakyShare}${mark(noise.flakyShare, DEFAULTS.flakyShare)}, re-roll rate ${noise.rerollRate}${mark(noise.rerollRate, DEFAULTS.rerollRate)}`;
}
