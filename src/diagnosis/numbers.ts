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

/**
 * Counts by key, for the per-record loops: a key seen before costs one look-up (a Map of
 * numbers needs a get and a set).
 */
export class Counter {
  private readonly boxes = new Map<string, { n: number }>();

  add(key: string): void {
    const box = this.boxes.get(key);
    if (box === undefined) this.boxes.set(key, { n: 1 });
    else box.n += 1;
  }

  /** Every key with its count, in no particular order. */
  entries(): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const [key, box] of this.boxes) out.push([key, box.n]);
    return out;
  }
}

/** Counts as a list, most counted first, then by name. */
export function sortedCounts(counts: Iterable<readonly [string, number]>): Count[] {
  return [...counts].map(([name, count]) => ({ name, count })).sort((x, y) => y.count - x.count || compareText(x.name, y.name));
}
