import { unitHash } from '../core/hash.js';
import { fail } from '../core/errors.js';

export interface Shard {
  /** 1-based, as CI matrices count. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n); `1/1` is the whole run and gives undefined. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    return fail('EUSAGE', `--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 2/4`);
  }
  return count === 1 ? undefined : { index, count };
}

/** Whether an example (by its `suite/id` key) belongs to a shard: a stable hash, so every job agrees. */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard) return true;
  return Math.floor(unitHash('shard', key) * shard.count) === shard.index - 1;
}

export function formatShard(shard: Shard | undefined): string {
  return shard ? `${shard.index}/${shard.count}` : 'all';
}
