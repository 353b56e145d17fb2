import type { Count } from './types.js';

/**
 * Shares and rates are rounded to four decimals, computed once at the end from integer
 * counts: floating sums taken in record order could differ in the last bit between two
 * orders of the same records, and the output must not.
 */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : round4(part / whole);
}

/** Plain code-unit comparison: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** A count map as a list, most counted first, then by name. */
export function sortedCounts(map: ReadonlyMap<string, number>): Count[] {
  return [...map].map(([name, count]) => ({ name, count })).sort((x, y) => y.count - x.count || compareText(x.name, y.name));
}
