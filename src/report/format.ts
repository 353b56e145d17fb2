import type { Rate } from './input.js';

/** Numbers as reports show them; no locale, so the same input gives the same bytes everywhere. */

export function integer(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A share (0-1) as a percentage; `—` for none. */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** `2/3`, with the errors that were not measured: `2/3 (+1 error)`. */
export function rate(r: Rate): string {
  const errors = r.errors > 0 ? ` (+${r.errors} error${r.errors === 1 ? '' : 's'})` : '';
  return r.measured === 0 ? `—${errors}` : `${r.passes}/${r.measured}${errors}`;
}

export function passShare(r: Rate): number | null {
  return r.measured === 0 ? null : r.passes / r.measured;
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 0.0001) return '< 0.0001';
  return p >= 0.01 ? p.toFixed(3) : p.toFixed(4);
}

export function cost(value: number | null): string {
  return value === null ? '—' : value.toFixed(4);
}

export function shortCommit(commit: string | null): string {
  return commit === null ? '—' : commit.slice(0, 12);
}
