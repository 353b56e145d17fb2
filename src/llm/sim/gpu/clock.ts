import { setTimeout as sleepFor } from 'node:timers/promises';

/** Where the GPU-shaped server reads time and waits: real time when serving, a virtual clock in tests. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => (ms <= 0 ? (signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve()) : sleepFor(ms, undefined, signal ? { signal } : undefined)),
};

interface Timer {
  at: number;
  order: number;
  fire: () => void;
}

/**
 * Time that moves only when told to (`advance`), firing due sleeps in time order, so that a
 * schedule of requests runs to exactly the hand-computed times whatever the machine's load.
 * Between two firings it lets the event loop run (setImmediate), so that the code a sleep
 * wakes can schedule its next sleep before time moves on.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private order = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Sleeps waiting now. */
  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every sleep due on the way, earliest first. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > until) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.fire();
      await settle();
    }
    this.time = until;
    await settle();
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.order < best.order)) best = t;
    return best;
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
