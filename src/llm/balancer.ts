import type OpenAI from 'openai';
import { Limiter } from './limiter.js';
import { createSdkClient } from './sdk.js';

/** One base URL of a role: its SDK client and its concurrency limit. */
export interface Endpoint {
  url: string;
  sdk: OpenAI;
  limiter: Limiter;
}

/** Spreads requests over a role's base URLs by least load (in flight plus waiting). */
export class EndpointPool {
  private turn = 0;

  constructor(readonly endpoints: readonly Endpoint[]) {
    if (endpoints.length === 0) throw new Error('EndpointPool needs at least one endpoint');
  }

  /** The least loaded endpoint; ties go round-robin so equal endpoints share the work. */
  pick(): Endpoint {
    const count = this.endpoints.length;
    const start = this.turn++ % count;
    let best = this.endpoints[start] as Endpoint;
    for (let step = 1; step < count; step++) {
      const candidate = this.endpoints[(start + step) % count] as Endpoint;
      if (candidate.limiter.load < best.limiter.load) best = candidate;
    }
    return best;
  }
}

/** A pool over `urls`, each with its own SDK client and a limit of `concurrency` requests in flight. */
export function createEndpointPool(urls: readonly string[], apiKey: string, concurrency: number, timeoutMs: number): EndpointPool {
  return new EndpointPool(urls.map((url) => ({ url, sdk: createSdkClient(url, apiKey, timeoutMs), limiter: new Limiter(concurrency) })));
}
