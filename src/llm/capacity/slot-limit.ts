import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { CapacityLimit } from './limit.js';

/** Sampling period of the event-loop monitor; the histogram's delays include it. */
const LAG_RESOLUTION_MS = 10;
/** Weight of a new window's mean latency in the running estimate. */
const SMOOTHING = 0.3;

let monitor: IntervalHistogram | undefined;

/**
 * A reader of how late the event loop has been running, on average, between two of its reads:
 * how long a reply that has arrived sits in its socket before this process reads it. One
 * monitor serves the process (its timer does not keep the process alive) and is never reset
 * (a reset drops the next delay, the very one a blocked loop makes); each reader keeps its own
 * place in the running totals.
 */
export function eventLoopLag(): () => number {
  if (!monitor) {
    monitor = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    monitor.enable();
  }
  const histogram = monitor;
  const totals = () => ({ count: histogram.count, sumMs: (histogram.count > 0 ? histogram.mean * histogram.count : 0) / 1e6 });
  let last = totals();
  let lag = 0;
  return () => {
    const now = totals();
    if (now.count > last.count) lag = Math.max(0, (now.sumMs - last.sumMs) / (now.count - last.count) - LAG_RESOLUTION_MS);
    last = now;
    return lag;
  };
}

export interface SlotLimitOptions {
  /** What the slot count came from, for the log. */
  source: string;
  /** A request's way to the server and back with no work to do (the capacity probe's, timed). */
  roundTripMs: number;
  /** The loop's lag since last asked; a reader of eventLoopLag unless a test drives it. */
  lagMs?: () => number;
}

/**
 * The limit for a server that says how many requests it runs at once: its slots, plus a few
 * waiting in its queue where that pays. A freed slot idles for a gap (the reply's way back to
 * us, our event loop's lag before we read it, our next request's way there) unless a request
 * is already queued for it. Slots free up one every `latency / slots` ms, so the q-th request
 * queued waits about q × latency / slots for its slot; it is worth queueing only while that
 * wait is no longer than the gap it saves a slot: q = ⌊slots × gap / latency⌋ (Little's law),
 * the gap being the probe's round trip plus the loop's mean lag. Next to a quick client that
 * is no queue at all, and nothing waits in the server, where timeouts and head-of-line blocking
 * bite; on a loaded client or a long network, a few. Recomputed every window of `slots`
 * replies, never more queued than the slots, never more in flight than `max`; an overload
 * (429, 5xx, timeout) halves the slots: a server refusing work runs fewer than it said.
 */
export class SlotLimit implements CapacityLimit {
  readonly describe: string;
  private slots: number;
  private queued = 0;
  private latencyMs: number | undefined;
  private windowSum = 0;
  private windowCount = 0;
  private readonly lagMs: () => number;

  constructor(
    private readonly max: number,
    slots: number,
    private readonly options: SlotLimitOptions,
  ) {
    this.slots = Math.max(1, slots);
    this.lagMs = options.lagMs ?? eventLoopLag();
    this.describe = `${slots} slots (${options.source}), plus a queue that covers the round trip (${options.roundTripMs.toFixed(1)} ms) and our event loop's lag, at most ${max}`;
  }

  current(): number {
    return Math.max(1, Math.min(this.max, this.slots + this.queued));
  }

  observe(latencyMs: number): void {
    this.windowSum += latencyMs;
    this.windowCount++;
    if (this.windowCount < this.slots) return;
    const mean = this.windowSum / this.windowCount;
    this.windowSum = 0;
    this.windowCount = 0;
    this.latencyMs = this.latencyMs === undefined ? mean : this.latencyMs * (1 - SMOOTHING) + mean * SMOOTHING;
    const gapMs = this.options.roundTripMs + this.lagMs();
    this.queued = Math.min(this.slots, Math.floor((this.slots * gapMs) / Math.max(this.latencyMs, 1)));
  }

  overloaded(): void {
    this.slots = Math.max(1, Math.floor(this.slots / 2));
    this.queued = 0;
  }
}
