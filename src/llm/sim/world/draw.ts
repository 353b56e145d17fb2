/**
 * The world's seeded draws: a uniform number in [0, 1) from its parts, the same parts always
 * giving the same number. It plays the role of unitHash (src/core/hash.ts) on the per-request
 * path, where a sha256 per draw (about 10 µs here) would cost more than the rest of the
 * world's work: two 32-bit multiplicative lanes over the characters, mixed together after
 * every part with the MurmurHash3 finaliser, give 53 well-spread bits at well under a microsecond.
 */
export function draw(...parts: ReadonlyArray<string | number>): number {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (const part of parts) {
    const text = typeof part === 'string' ? part : String(part);
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    // End of a part: mix the lanes fully, so ('ab', 'c') and ('a', 'bc') differ and a change
    // in one part reaches every bit before the next begins.
    a = avalanche(a ^ text.length);
    b = avalanche(b ^ Math.imul(a, 0x9e3779b1));
  }
  const high = avalanche(a ^ Math.imul(b, 0x9e3779b1));
  const low = avalanche(b ^ Math.imul(high, 0x85ebca77));
  return (high >>> 0) * 2 ** -32 + (low >>> 11) * 2 ** -53;
}

/** Spreads every input bit over every output bit (the finaliser of MurmurHash3). */
function avalanche(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
