import { z } from 'zod';
import { fail } from '../../core/errors.js';
import { formatPath } from '../../config/issues.js';
import { realClock, type Clock } from './gpu/clock.js';
import type { GpuSettings } from './gpu/gpu.js';
import type { SimResponder } from './types.js';

export const faultKinds = ['429', '500', 'hang', 'malformed', 'cut-stream'] as const;
export type FaultKind = (typeof faultKinds)[number];

export type LatencySetting = number | { min: number; max: number };

export interface SimServerOptions {
  /** What the "model" answers; defaults to the echo responder. */
  responder?: SimResponder;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Delay before each chat completion is answered: fixed, or drawn uniformly (seeded) from a range. */
  latencyMs?: LatencySetting;
  /** Chat completions served at once; more wait in a queue, as a GPU server batches. */
  concurrencyLimit?: number;
  /** Share of chat completions that fault, drawn per request (seeded). */
  faultRate?: number;
  /** The kinds a faulting request draws from (default: all). */
  faults?: FaultKind[];
  seed?: number;
  /** One line per request, and the server's own notices. */
  log?: (line: string) => void;
  /** Delay a 429 asks for: `retry-after-ms`, and `Retry-After` in whole seconds (rounded up). */
  retryAfterMs?: number;
  /** Largest request body accepted; larger ones get 413. */
  maxBodyBytes?: number;
  /** Model ids listed by GET /v1/models besides the sim-* ones and those requested so far. */
  models?: string[];
  /**
   * Play a GPU server's timing instead of a fixed latency: `slots` requests at once, each taking
   * the prefill of its uncached prompt tokens plus the decode of its reply (gpu/gpu.ts). Adds
   * GET /stats (occupancy, queue wait, prefix-cache hits) and GET /props (llama.cpp's, with
   * total_slots). Replaces concurrencyLimit.
   */
  gpu?: GpuOptions;
  /** Where GPU mode reads time and sleeps; a VirtualClock (gpu/clock.ts) makes a schedule exact in tests. */
  clock?: Clock;
}

export interface GpuOptions {
  slots: number;
  prefillMsPer1kTokens: number;
  decodeMsPerToken: number;
  /** Default true. */
  prefixCache?: boolean;
  /** Default 1,000,000. */
  prefixCacheTokens?: number;
}

export interface ResolvedSimOptions {
  responder: SimResponder | undefined;
  host: string;
  port: number;
  latency: { min: number; max: number };
  concurrencyLimit: number;
  faultRate: number;
  faults: FaultKind[];
  seed: number;
  log: (line: string) => void;
  retryAfterMs: number;
  maxBodyBytes: number;
  models: string[];
  gpu: GpuSettings | undefined;
  clock: Clock;
}

const latencySchema = z.union([
  z.number().min(0),
  z.strictObject({ min: z.number().min(0), max: z.number().min(0) }).refine((r) => r.min <= r.max, 'expected min <= max'),
]);

const optionsSchema = z.strictObject({
  responder: z.custom<SimResponder>((v) => typeof (v as SimResponder | undefined)?.respond === 'function', 'expected an object with a respond(request) method').optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(0),
  latencyMs: latencySchema.default(0),
  concurrencyLimit: z.number().int().min(1).default(Number.MAX_SAFE_INTEGER),
  faultRate: z.number().min(0).max(1).default(0),
  faults: z.array(z.enum(faultKinds)).min(1).default([...faultKinds]),
  seed: z.number().int().default(0),
  log: z.custom<(line: string) => void>((v) => typeof v === 'function', 'expected a function').optional(),
  retryAfterMs: z.number().int().min(0).default(1000),
  maxBodyBytes: z.number().int().positive().default(8 * 1024 * 1024),
  models: z.array(z.string().min(1)).default([]),
  gpu: z
    .strictObject({
      slots: z.number().int().min(1).max(100_000),
      prefillMsPer1kTokens: z.number().min(0),
      decodeMsPerToken: z.number().min(0),
      prefixCache: z.boolean().default(true),
      prefixCacheTokens: z.number().int().min(16).default(1_000_000),
    })
    .optional(),
  clock: z.custom<Clock>((v) => typeof (v as Clock | undefined)?.now === 'function' && typeof (v as Clock).sleep === 'function', 'expected an object with now() and sleep(ms, signal)').optional(),
});

/** Checks the options (a wrong one is an EUSAGE naming it) and fills in the defaults. */
export function resolveSimOptions(options: SimServerOptions): ResolvedSimOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('EUSAGE', `simulated server option ${issue ? formatPath(issue.path) : ''}: ${issue?.message ?? 'invalid'}`, {
      details:
        'Accepted: latencyMs >= 0 or {min, max}; concurrencyLimit >= 1; faultRate in [0, 1]; faults among 429, 500, hang, malformed, cut-stream; port 0-65535; gpu: {slots >= 1, prefillMsPer1kTokens >= 0, decodeMsPerToken >= 0, prefixCache, prefixCacheTokens >= 16}.',
    });
  }
  const o = parsed.data;
  if (o.gpu && options.concurrencyLimit !== undefined) {
    fail('EUSAGE', 'simulated server options concurrencyLimit and gpu: choose one', { details: 'In GPU mode gpu.slots is the number of requests served at once (--slots); drop concurrencyLimit (--concurrency-limit).' });
  }
  const latency = typeof o.latencyMs === 'number' ? { min: o.latencyMs, max: o.latencyMs } : o.latencyMs;
  return { ...o, responder: o.responder, latency, log: o.log ?? (() => {}), gpu: o.gpu, clock: o.clock ?? realClock };
}
