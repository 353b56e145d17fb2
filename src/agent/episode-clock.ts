/**
 * The episode's deadline and the caller's cancellation in one signal, remembering which of
 * the two fired: the agent running out of time is its own failure, the run being interrupted
 * is not.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class EpisodeClock {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  private readonly deadline: AbortController = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number, private readonly external?: AbortSignal) {
    this.timeoutMs = timeoutMs;
    // setTimeout fires at once for delays past 2^31-1 ms; a longer deadline is no deadline.
    this.timer = setTimeout(() => this.deadline.abort(new Error(`timeout (${timeoutMs} ms)`)), Math.min(timeoutMs, MAX_TIMER_MS));
    if (timeoutMs > MAX_TIMER_MS) clearTimeout(this.timer);
    this.signal = external ? AbortSignal.any([this.deadline.signal, external]) : this.deadline.signal;
  }

  get interrupted(): boolean {
    return this.external?.aborted === true;
  }

  get timedOut(): boolean {
    return this.deadline.signal.aborted && !this.interrupted;
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

  stop(): void {
    clearTimeout(this.timer);
  }
}
