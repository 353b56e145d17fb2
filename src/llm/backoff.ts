import { onAbort } from './on-abort.js';

/** When to try again: exponential backoff with full jitter, never earlier than the server asked. */
export interface RetryPolicy {
  /** Ceiling of the first backoff window; the window doubles with each retry. */
  baseDelayMs: number;
  /** Ceiling of any backoff window. */
  maxDelayMs: number;
  /** The longest `Retry-After` obeyed; a server asking for more gets this much. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/** Delay before retry number `retry` (0-based). */
export function retryDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const jitter = random() * window;
  if (retryAfterMs === undefined) return jitter;
  return Math.max(Math.min(retryAfterMs, policy.maxRetryAfterMs), jitter);
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      stopWatching();
      resolve();
    }, ms);
    const stopWatching = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : () => {};
  });
}
