import type { CapacityLimit } from './limit.js';

/** Weight of the new estimate in the limit (smooths out one noisy window). */
const SMOOTHING = 0.3;
/** Fewest replies a window averages, so that uneven requests (50 tokens or 2,000) average out. */
const MIN_WINDOW = 8;
/** Where the limit starts: low, so that the latency without queueing is seen before any queue forms. */
const INITIAL = 8;
/** How fast the no-queue latency is allowed to creep up per window (the workload may change). */
const BASELINE_LEAK = 1.0005;

/**
 * A limit adapted from latency, for servers that do not say how many requests they run at once
 * (vLLM, or anything behind a proxy): the gradient limiter of Netflix's concurrency-limits
 * (Gradient2), with TCP Vegas's baseline. Each window of replies (at least as many as the limit)
 * gives a mean latency; the lowest window mean seen is the latency without queueing. Their ratio
 * (the gradient, at most 1) shrinks the limit when requests start waiting in the server's queue,
 * and a headroom of √limit lets it grow while they do not: against a server of C slots it
 * settles where L − √L = C (about C + √C). Starts at 8 and doubles each window until latency
 * first rises (TCP's slow start), bounded by 1 and the configured concurrency; an overload
 * (429, 5xx, timeout) halves it at once. A server that says how many slots it has gets a
 * SlotLimit instead.
 */
export class GradientLimit implements CapacityLimit {
  readonly describe: string;
  private limit: number;
  /** Slow start (as TCP's): doubling per window until latency first rises. */
  private probing = true;
  private baselineMs = Number.POSITIVE_INFINITY;
  private windowSum = 0;
  private windowCount = 0;
  private windowPeakInFlight = 0;

  constructor(
    private readonly max: number,
    initial: number = INITIAL,
  ) {
    this.limit = Math.max(1, Math.min(max, initial));
    this.describe = `adaptive (latency gradient, at most ${max})`;
  }

  current(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  observe(latencyMs: number, inFlight: number): void {
    this.windowSum += latencyMs;
    this.windowCount++;
    this.windowPeakInFlight = Math.max(this.windowPeakInFlight, inFlight);
    if (this.windowCount < Math.max(MIN_WINDOW, this.current())) return;
    const shortMs = this.windowSum / this.windowCount;
    const peak = this.windowPeakInFlight;
    this.windowSum = 0;
    this.windowCount = 0;
    this.windowPeakInFlight = 0;
    this.baselineMs = Math.min(this.baselineMs * BASELINE_LEAK, shortMs);
    // A client that never filled the limit learnt nothing about a larger one.
    if (peak < this.current() / 2) return;
    const gradient = Math.max(0.5, Math.min(1, this.baselineMs / shortMs));
    if (this.probing && gradient >= 0.95) {
      this.limit = Math.min(this.max, this.limit * 2);
      return;
    }
    this.probing = false;
    const next = this.limit * gradient + Math.sqrt(this.limit);
    this.limit = Math.max(1, Math.min(this.max, this.limit * (1 - SMOOTHING) + next * SMOOTHING));
  }

  overloaded(): void {
    this.limit = Math.max(1, this.limit / 2);
  }
}
