import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storeLayout, writeJsonAtomic } from '../store/index.js';

/**
 * How long each example's episode took the last time this agent ran it (mean over its repeats),
 * by `suite/id`: the run starts the longest first, so that a long episode started last does not
 * keep the run going while the server sits nearly idle. A scheduling hint only, never part of a
 * result: a missing or unreadable file just means "no history".
 */
export function durationsFile(storeDir: string, agent: string): string {
  return join(storeLayout(storeDir).cacheDir, 'episode-durations', `${encodeURIComponent(agent)}.json`);
}

export async function readExpectedDurations(storeDir: string, agent: string): Promise<Map<string, number>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(durationsFile(storeDir, agent), 'utf8'));
    const map = new Map<string, number>();
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, ms] of Object.entries(parsed)) if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) map.set(key, ms);
    }
    return map;
  } catch {
    return new Map();
  }
}

/** Sums of this run's episode durations per example, folded in as records are written. */
export class DurationTally {
  private readonly sums = new Map<string, { ms: number; n: number }>();

  add(exampleKey: string, ms: number): void {
    const entry = this.sums.get(exampleKey);
    if (entry) {
      entry.ms += ms;
      entry.n++;
    } else this.sums.set(exampleKey, { ms, n: 1 });
  }

  get size(): number {
    return this.sums.size;
  }

  /** Writes this run's means over the history of the examples it ran (the rest is kept). */
  async save(storeDir: string, agent: string, previous: Map<string, number>): Promise<void> {
    if (this.sums.size === 0) return;
    const merged: Record<string, number> = Object.fromEntries(previous);
    for (const [key, { ms, n }] of this.sums) merged[key] = Math.round(ms / n);
    await writeJsonAtomic(durationsFile(storeDir, agent), merged);
  }
}
