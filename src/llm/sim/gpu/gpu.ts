import type { Clock } from './clock.js';
import { percentile } from './percentile.js';
import { PrefixCache } from './prefix-cache.js';

export interface GpuSettings {
  /** Requests decoded at once (vLLM max_num_seqs, llama.cpp --parallel); more wait in a queue. */
  slots: number;
  /** Time to prefill 1,000 prompt tokens that are not in the prefix cache. */
  prefillMsPer1kTokens: number;
  /** Time to generate one completion token. */
  decodeMsPerToken: number;
  prefixCache: boolean;
  /** Tokens the prefix cache holds before it evicts the least recently used blocks. */
  prefixCacheTokens: number;
}

/** One request's work: its prompt (tokens, and the text the prefix cache matches) and what it generates. */
export interface GpuJob {
  promptTokens: number;
  promptText: string;
  outputTokens: number;
  /** The reply as the next turn carries it back; its blocks are cached after decoding, as engines keep them. */
  replyText: string;
}

export interface GpuTimings {
  queueMs: number;
  cachedTokens: number;
  prefillMs: number;
  decodeMs: number;
}

export interface GpuStats {
  slots: number;
  busySlots: number;
  peakBusySlots: number;
  queued: number;
  peakQueued: number;
  admitted: number;
  completed: number;
  /** Time slots were held (serving, hung, or late: a real clock's timers fire late under load), summed over slots. */
  busySlotSeconds: number;
  /** The work itself: prefill plus decode as the model times them, summed over completed requests. */
  serviceSeconds: number;
  /** From the first arrival to the last slot freed (or now, while a slot is busy). */
  elapsedSeconds: number;
  /** busySlotSeconds / (slots × elapsedSeconds): how full the slots were held while there was work. */
  occupancy: number;
  queueWaitMs: { count: number; mean: number; p50: number; p99: number; max: number };
  promptTokens: number;
  generatedTokens: number;
  prefixCache: { enabled: boolean; scope: 'shared'; cachedTokens: number; hitRate: number; sizeTokens: number };
}

/** Queue waits kept for the percentiles; beyond this many, later ones overwrite older ones in turn. */
const MAX_WAIT_SAMPLES = 1_000_000;

/** A slot held by one request until `release`. */
export interface GpuSlot {
  readonly queueMs: number;
  /** Prefill (the prompt tokens not cached), then decode; resolves with the timings. */
  serve(job: GpuJob): Promise<Omit<GpuTimings, 'queueMs'>>;
  /** Holds the slot until the signal aborts (an injected hang). */
  hang(): Promise<void>;
  release(): void;
}

/**
 * The timing model of a GPU inference server: `slots` requests run at once, the rest wait in
 * arrival order (as vLLM and llama.cpp queue them); a request's time on its slot is the prefill
 * of the prompt tokens the prefix cache does not already hold plus the decode of the tokens it
 * generates. Deterministic for a given clock and arrival order.
 */
export class GpuModel {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly cache: PrefixCache | undefined;
  private readonly waits: number[] = [];
  private counts = { admitted: 0, completed: 0, peakQueued: 0, peakBusy: 0, busyMs: 0, serviceMs: 0, waitTotal: 0, waitMax: 0, promptTokens: 0, cachedTokens: 0, generatedTokens: 0 };
  private firstArrival: number | undefined;
  private lastFreed: number | undefined;

  constructor(
    readonly settings: GpuSettings,
    private readonly clock: Clock,
  ) {
    this.cache = settings.prefixCache ? new PrefixCache(settings.prefixCacheTokens) : undefined;
  }

  /** Waits for a free slot (in arrival order); a waiter whose signal aborts leaves the queue. */
  async admit(signal: AbortSignal): Promise<GpuSlot> {
    signal.throwIfAborted();
    const arrived = this.clock.now();
    this.firstArrival ??= arrived;
    const full = this.busy >= this.settings.slots;
    if (full) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.waiting.splice(this.waiting.indexOf(grant), 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(grant);
        this.counts.peakQueued = Math.max(this.counts.peakQueued, this.waiting.length);
      });
    } else {
      this.busy++;
    }
    this.counts.peakBusy = Math.max(this.counts.peakBusy, this.busy);
    const admitted = full ? this.clock.now() : arrived;
    const queueMs = admitted - arrived;
    this.noteWait(queueMs);
    this.counts.admitted++;
    return this.slot(admitted, queueMs, signal);
  }

  private slot(admitted: number, queueMs: number, signal: AbortSignal): GpuSlot {
    let released = false;
    const { clock, cache, counts, settings } = this;
    return {
      queueMs,
      serve: async (job) => {
        const keys = cache ? PrefixCache.keys(job.promptText) : [];
        const cachedTokens = cache ? Math.min(job.promptTokens, cache.cachedTokens(keys)) : 0;
        const prefillMs = ((job.promptTokens - cachedTokens) * settings.prefillMsPer1kTokens) / 1000;
        const decodeMs = job.outputTokens * settings.decodeMsPerToken;
        counts.promptTokens += job.promptTokens;
        counts.cachedTokens += cachedTokens;
        await clock.sleep(prefillMs, signal);
        cache?.insert(keys);
        await clock.sleep(decodeMs, signal);
        if (cache) cache.insert(PrefixCache.keys(job.promptText + job.replyText));
        counts.generatedTokens += job.outputTokens;
        counts.serviceMs += prefillMs + decodeMs;
        counts.completed++;
        return { cachedTokens, prefillMs, decodeMs };
      },
      hang: () => (signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))),
      release: () => {
        if (released) return;
        released = true;
        const now = clock.now();
        counts.busyMs += now - admitted;
        this.lastFreed = now;
        const next = this.waiting.shift();
        // The slot passes straight to the next waiter, so nobody overtakes the queue.
        if (next) next();
        else this.busy--;
      },
    };
  }

  private noteWait(ms: number): void {
    const c = this.counts;
    c.waitTotal += ms;
    c.waitMax = Math.max(c.waitMax, ms);
    if (this.waits.length < MAX_WAIT_SAMPLES) this.waits.push(ms);
    else this.waits[c.admitted % MAX_WAIT_SAMPLES] = ms;
  }

  stats(): GpuStats {
    const c = this.counts;
    const end = this.busy > 0 ? this.clock.now() : (this.lastFreed ?? this.firstArrival ?? 0);
    const elapsedMs = this.firstArrival === undefined ? 0 : end - this.firstArrival;
    const busyMs = c.busyMs;
    return {
      slots: this.settings.slots,
      busySlots: this.busy,
      peakBusySlots: c.peakBusy,
      queued: this.waiting.length,
      peakQueued: c.peakQueued,
      admitted: c.admitted,
      completed: c.completed,
      busySlotSeconds: busyMs / 1000,
      serviceSeconds: c.serviceMs / 1000,
      elapsedSeconds: elapsedMs / 1000,
      occupancy: elapsedMs > 0 ? busyMs / (this.settings.slots * elapsedMs) : 0,
      queueWaitMs: { count: c.admitted, mean: c.admitted > 0 ? c.waitTotal / c.admitted : 0, p50: percentile(this.waits, 50), p99: percentile(this.waits, 99), max: c.waitMax },
      promptTokens: c.promptTokens,
      generatedTokens: c.generatedTokens,
      prefixCache: { enabled: this.cache !== undefined, scope: 'shared', cachedTokens: c.cachedTokens, hitRate: c.promptTokens > 0 ? c.cachedTokens / c.promptTokens : 0, sizeTokens: this.cache?.sizeTokens ?? 0 },
    };
  }
}
