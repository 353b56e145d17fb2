import { onAbort } from '../llm/on-abort.js';

/**
 * The episode's deadline and the caller's cancellation in one signal, remembering which of
 * the two fired: the agent running out of time is its own failure, the run being interrupted
 * is not.
 *
 * The caller's signal may outlive many episodes (a command's interrupt), so the clock follows
 * it through onAbort, which stop() leaves, never with AbortSignal.any: on Node 20 a derived
 * signal that anyone listens on stays reachable until it aborts, and the SDK never removes
 * its listeners, so every episode's requests would stay alive with it.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class EpisodeClock {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private expired = false;
  private readonly unfollow: () => void;

  constructor(timeoutMs: number, private readonly external?: AbortSignal) {
    this.timeoutMs = timeoutMs;
    this.signal = this.controller.signal;
    this.unfollow = external ? onAbort(external, () => this.controller.abort(external.reason)) : () => {};
    // setTimeout fires at once for delays past 2^31-1 ms; a longer deadline is no deadline.
    if (timeoutMs <= MAX_TIMER_MS) {
      this.timer = setTimeout(() => {
        this.expired = true;
        this.controller.abort(new Error(`timeout (${timeoutMs} ms)`));
      }, timeoutMs);
    }
  }

  get interrupted(): boolean {
    return this.external?.aborted === true;
  }

  get timedOut(): boolean {
    return this.expired && !this.interrupted;
  }

  /** Resolves with the promise, or rejects as soon as the episode's signal fires. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason as Error);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason as Error);
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(error as Error);
        },
      );
    });
  }

  /** Ends the episode's clock: the deadline is cleared and the caller's signal no longer followed. */
  stop(): void {
    clearTimeout(this.timer);
    this.unfollow();
  }
}
