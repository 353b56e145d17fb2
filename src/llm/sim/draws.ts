import { unitHash } from '../../core/hash.js';
import type { FaultKind, ResolvedSimOptions } from './options.js';

/**
 * Per-request random choices of the server (latency, faults), seeded by the server seed, the
 * request's content and how many times that same request was seen before. A retry of a
 * faulted request is therefore a fresh draw (faults are transient, as on a real server),
 * while the same sequence of requests always meets the same faults and latencies.
 */
export interface RequestDraws {
  fault: FaultKind | undefined;
  latencyMs: number;
  /** Unique per (request, occurrence): the seed of ids in the reply. */
  key: string;
}

export function drawForRequest(options: ResolvedSimOptions, requestHash: string, occurrence: number): RequestDraws {
  const parts = [options.seed, requestHash, occurrence] as const;
  const faulted = options.faultRate > 0 && unitHash('fault', ...parts) < options.faultRate;
  const fault = faulted ? options.faults[Math.floor(unitHash('fault-kind', ...parts) * options.faults.length)] : undefined;
  const { min, max } = options.latency;
  const latencyMs = min === max ? min : Math.round(min + unitHash('latency', ...parts) * (max - min));
  return { fault, latencyMs, key: `${requestHash.slice(0, 16)}-${occurrence}` };
}

/** Counts how often each request was seen, so that repeats draw afresh. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(requestHash: string): number {
    // 64 bits of the hash tell requests apart well enough, at a quarter of the memory.
    const key = requestHash.slice(0, 16);
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return n;
  }
}
