import { hash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  }
  return value;
}

/** One-shot hashing (crypto.hash): no Hash object per call, which costs more than the digest for short texts. */
export function sha256(text: string | Buffer): string {
  return hash('sha256', text, 'hex');
}

/** Content hash of any JSON value, stable under key order. */
export function hashValue(value: unknown): string {
  return sha256(stableStringify(value));
}

/** A uniform number in [0, 1) derived from the parts; the same parts always give the same number. */
export function unitHash(...parts: Array<string | number>): number {
  return hash('sha256', parts.join('\u0000'), 'buffer').readUIntBE(0, 6) / 2 ** 48;
}
