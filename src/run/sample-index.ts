import { unitHash } from '../core/hash.js';

const RANGE = 2 ** 31;

/**
 * The sample index (sent to the model as its seed) of repeat `k = sampleBase + r`. For one
 * seed it is a bijection of k, so the repeats of a run, and fresh runs over another repeat
 * range, never share an index; another seed shifts the whole sequence. Kept below 2^31
 * because some servers take the seed as a 32-bit integer.
 */
export function sampleIndexFor(seed: number, k: number): number {
  const offset = offsetOf(seed);
  return (((offset + k) % RANGE) + RANGE) % RANGE;
}

const offsets = new Map<number, number>();

function offsetOf(seed: number): number {
  let offset = offsets.get(seed);
  if (offset === undefined) offsets.set(seed, (offset = Math.floor(unitHash('sample-index', seed) * RANGE)));
  return offset;
}
