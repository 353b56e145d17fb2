import type { RunManifest } from '../core/records.js';
import type { EpisodeItem, SuiteContext } from './episode.js';
import { exampleKey, recordKey } from './keys.js';
import { iterateLatestRecords } from './read-records.js';
import { sampleIndexFor } from './sample-index.js';
import { inShard } from './shard.js';
import type { SummaryBuilder } from './summary.js';

/**
 * What a resumed run keeps: the keys of every latest record, except `error` ones when they are
 * to be retried, and those records folded into the summary. Only keys are held, never records.
 */
export async function readKept(recordsPath: string, retryErrors: boolean, summary: SummaryBuilder): Promise<Set<string>> {
  const done = new Set<string>();
  for await (const record of iterateLatestRecords(recordsPath)) {
    if (retryErrors && record.status === 'error') continue;
    done.add(recordKey(record));
    summary.add(record);
  }
  return done;
}

/**
 * The episodes still to play, in run order (suite, example, repeat), generated lazily. With
 * `expected` durations from an earlier run, the longest expected go first (examples it does not
 * know first of all, as they may be the longest); the sort is stable, so an example's repeats,
 * which share its whole prompt, stay next to each other and reach the server's prefix cache together.
 */
export function planEpisodes(
  manifest: RunManifest,
  contexts: Map<string, SuiteContext>,
  done: Set<string>,
  expected: Map<string, number> = new Map(),
): { items: Iterable<EpisodeItem>; remaining: number; ordered: boolean } {
  let remaining = 0;
  const subset = manifest.examples ? new Set(manifest.examples) : undefined;
  const walk = function* (count: boolean): Generator<EpisodeItem> {
    for (const { name, repeats } of manifest.suites) {
      const context = contexts.get(name);
      if (!context) continue;
      for (const example of context.suite.examples) {
        const key = exampleKey(name, example.id);
        if (!inShard(key, manifest.shard) || (subset && !subset.has(key))) continue;
        for (let repeat = 0; repeat < repeats; repeat++) {
          if (done.has(recordKey({ suite: name, exampleId: example.id, repeat }))) continue;
          if (count) remaining++;
          else yield { suite: context, example, repeat, sampleIndex: sampleIndexFor(manifest.seed, manifest.sampleBase + repeat) };
        }
      }
    }
  };
  for (const _ of walk(true)) void _;
  if (expected.size === 0) return { items: walk(false), remaining, ordered: false };
  const items = [...walk(false)];
  const ms = (item: EpisodeItem) => expected.get(exampleKey(item.example.suite, item.example.id)) ?? Number.POSITIVE_INFINITY;
  const keyed = items.map((item, index) => ({ item, index, ms: ms(item) }));
  keyed.sort((a, b) => (b.ms === a.ms ? a.index - b.index : b.ms > a.ms ? 1 : -1));
  return { items: keyed.map((k) => k.item), remaining, ordered: true };
}
