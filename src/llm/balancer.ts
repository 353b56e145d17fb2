import type OpenAI from 'openai';
import { engineOfURL, type CapacityLimit, type Engine } from './capacity/index.js';
import { onAbort } from './on-abort.js';
import { createSdkClient } from './sdk.js';
import type { DirectFetch } from './sim/direct.js';

/** One base URL of a role: its SDK client, its limit and the requests it has in flight. */
export interface Endpoint {
  readonly url: string;
  readonly sdk: OpenAI;
  /** The configured maximum in flight. */
  readonly concurrency: number;
  /** Set when the endpoint follows the server's capacity (the run stage's agent): the limit now, at most `concurrency`. */
  capacity?: CapacityLimit;
  /** The engine behind it, when known: decides the prefix-cache hints sent (capacity/hints.ts). */
  engine?: Engine;
  /** The transport, kept for probing the server beside the SDK. */
  readonly fetch?: DirectFetch;
  inFlight: number;
  /** Transient failures in a row; while `coolingUntil` is ahead, other endpoints are preferred. */
  failuresInRow: number;
  coolingUntil: number;
}

/** How long an endpoint is passed over after its n-th failure in a row: 250 ms doubling, at most 30 s. */
export function coolingMs(failuresInRow: number): number {
  return Math.min(30_000, 250 * 2 ** Math.max(0, failuresInRow - 1));
}

/**
 * A role's base URLs behind one queue. A request takes a slot on the endpoint with the fewest
 * requests in flight among those under their limit (ties go round-robin); when all are full
 * it waits in arrival order, and takes the first slot freed on any endpoint. Choosing at the
 * moment a slot frees, not when the request arrives, is what sends more work to a faster
 * server. An endpoint that just failed (refused, timed out, 5xx) is passed over for a cooling
 * period while any other is healthy: a dead server fails fast and would otherwise attract the
 * most work.
 */
export class EndpointPool {
  private readonly waiting: Array<(endpoint: Endpoint) => void> = [];
  private turn = 0;

  constructor(readonly endpoints: readonly Endpoint[]) {
    if (endpoints.length === 0) throw new Error('EndpointPool needs at least one endpoint');
  }

  acquire(signal?: AbortSignal): Promise<Endpoint> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const free = this.leastLoaded();
    if (free) {
      free.inFlight++;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) => {
      const grant = (endpoint: Endpoint) => {
        stopWatching();
        resolve(endpoint);
      };
      this.waiting.push(grant);
      const stopWatching = signal
        ? onAbort(signal, () => {
            const index = this.waiting.indexOf(grant);
            if (index >= 0) this.waiting.splice(index, 1);
            reject(signal.reason);
          })
        : () => {};
    });
  }

  release(endpoint: Endpoint): void {
    endpoint.inFlight--;
    this.grantWaiting();
  }

  /** Hands freed (or newly allowed) slots to waiting requests, in arrival order. */
  grantWaiting(): void {
    while (this.waiting.length > 0) {
      const free = this.leastLoaded();
      if (!free) return;
      free.inFlight++;
      this.waiting.shift()?.(free);
    }
  }

  /** A transient failure: pass the endpoint over for a while. */
  failed(endpoint: Endpoint, now = Date.now()): void {
    endpoint.failuresInRow++;
    endpoint.coolingUntil = now + coolingMs(endpoint.failuresInRow);
  }

  succeeded(endpoint: Endpoint): void {
    endpoint.failuresInRow = 0;
    endpoint.coolingUntil = 0;
  }

  /** The endpoint with a free slot and the fewest in flight, among the healthy ones if any is healthy. */
  private leastLoaded(): Endpoint | undefined {
    const count = this.endpoints.length;
    const start = this.turn++ % count;
    const now = Date.now();
    const anyHealthy = this.endpoints.some((e) => e.coolingUntil <= now);
    let best: Endpoint | undefined;
    for (let step = 0; step < count; step++) {
      const candidate = this.endpoints[(start + step) % count] as Endpoint;
      if (candidate.inFlight >= limitOf(candidate) || (anyHealthy && candidate.coolingUntil > now)) continue;
      if (!best || candidate.inFlight < best.inFlight) best = candidate;
    }
    return best;
  }
}

/** Requests the endpoint may have in flight now. */
export function limitOf(endpoint: Endpoint): number {
  return endpoint.capacity ? Math.min(endpoint.concurrency, endpoint.capacity.current()) : endpoint.concurrency;
}

/** A pool over `urls`, each with its own SDK client and a limit of `concurrency` requests in flight; `fetch` replaces the transport. */
export function createEndpointPool(urls: readonly string[], apiKey: string, concurrency: number, timeoutMs: number, fetch?: DirectFetch): EndpointPool {
  return new EndpointPool(
    urls.map((url) => ({ url, sdk: createSdkClient(url, apiKey, timeoutMs, fetch), concurrency, engine: engineOfURL(url), fetch, inFlight: 0, failuresInRow: 0, coolingUntil: 0 })),
  );
}
