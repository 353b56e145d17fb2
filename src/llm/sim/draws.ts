import { hashValue, unitHash } from '../../core/hash.js';
import { canonicalToolCallIds } from '../tool-call-ids.js';
import type { FaultKind, ResolvedSimOptions } from './options.js';
import type { SimChatRequest } from './types.js';

/**
 * What a request's draws are keyed on: the request without how its reply is delivered (`stream`,
 * `stream_options`) and with tool-call ids renamed by order (tool-call-ids.ts), so a streamed
 * ask and a plain one, or a conversation replayed with other ids, meet the same draws.
 */
export function requestHash(request: SimChatRequest): string {
  const { stream: _stream, stream_options: _options, ...asked } = request;
  return hashValue({ ...asked, messages: canonicalToolCallIds(request.messages) });
}

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
