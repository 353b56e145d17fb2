import { stableStringify } from '../core/hash.js';

export interface CannedResult {
  /** Arguments this entry answers; omitted means any arguments. */
  args?: Record<string, unknown>;
  result: unknown;
}

/**
 * The canned result for a call: the entry whose `args` deep-equal the call's arguments (key
 * order does not matter), else the entry without `args`; none is an Error naming the call.
 */
export function lookupCanned(tool: string, entries: CannedResult[], args: unknown): unknown {
  const key = stableStringify(args ?? {});
  const exact = entries.find((entry) => entry.args !== undefined && stableStringify(entry.args) === key);
  if (exact) return exact.result;
  const fallback = entries.find((entry) => entry.args === undefined);
  if (fallback) return fallback.result;
  const known = entries.map((entry) => stableStringify(entry.args)).join(', ');
  throw new Error(`no canned result for ${tool} with arguments ${key}; the table answers ${known || 'nothing'}`);
}
