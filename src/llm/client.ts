import type { EndpointConfig, RoleName, Sampling } from '../config/index.js';
import { silentLogger, type Logger } from '../core/log.js';
import { maskValue } from '../core/secrets.js';
import { AttemptError, attempt } from './attempt.js';
import { defaultRetryPolicy, retryDelay, sleep, type RetryPolicy } from './backoff.js';
import { limitOf, type EndpointPool } from './balancer.js';
import { cacheHints, discoverCapacity, GradientLimit, SlotLimit } from './capacity/index.js';
import type { ResponseCache } from './cache.js';
import { classifyFailure, type Failure } from './classify.js';
import { readContextWindow } from './context-window.js';
import { abortedWhileRetrying, toModelError } from './model-error.js';
import type { Reply } from './reply.js';
import { buildRequestBody, cacheKey, mergeSampling, type RequestBody } from './request.js';
import type { CallOptions, CapacityReport, ChatRequest, ChatResult, ModelClient, RoleUsage } from './types.js';
import { UsageMeter } from './usage.js';

export interface RoleClientOptions {
  role: RoleName;
  model: string;
  simulated: boolean;
  /** The role's endpoints, or how to open them on the first call (the in-process simulated world starts then). */
  pool: EndpointPool | (() => Promise<EndpointPool>);
  sampling: Sampling;
  timeoutMs: number;
  maxRetries: number;
  /** Largest reply body read (endpoints.<role>.maxReplyBytes); none: no limit (the in-process simulated world). */
  maxReplyBytes?: number;
  pricing?: EndpointConfig['pricing'];
  /** The declared context window (endpoints.<role>.contextTokens); else the server is asked. */
  contextTokens?: number;
  cache?: ResponseCache;
  /** Mixed into every cache key (the simulated world's settings, for instance). */
  cacheNamespace?: string;
  retryPolicy?: RetryPolicy;
  logger?: Logger;
}

/** One role's model: sampling, seed, cache, balancing, limits, retries and usage around the `openai` SDK. */
export class RoleClient implements ModelClient {
  readonly role: RoleName;
  readonly model: string;
  readonly simulated: boolean;
  private readonly meter: UsageMeter;
  private readonly retryPolicy: RetryPolicy;
  private readonly logger: Logger;
  private pool: EndpointPool | undefined;
  private opening: Promise<EndpointPool> | undefined;
  private contextWindow: Promise<number | undefined> | undefined;

  constructor(private readonly options: RoleClientOptions) {
    if (typeof options.pool !== 'function') this.pool = options.pool;
    this.role = options.role;
    this.model = options.model;
    this.simulated = options.simulated;
    this.meter = new UsageMeter(options.pricing);
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.logger = options.logger ?? silentLogger;
  }

  async chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const started = performance.now();
    const sampling = mergeSampling(this.options.sampling, request.sampling);
    const body = buildRequestBody(this.model, request, sampling, callOptions.sampleIndex);
    const cache = callOptions.cache === false ? undefined : this.options.cache;
    const key = cache ? cacheKey(body, callOptions.sampleIndex, this.options.cacheNamespace) : undefined;
    const hit = key ? cache?.get(key) : undefined;
    if (hit) {
      this.meter.hit();
      return { ...hit, model: this.model, cached: true, retries: 0, latencyMs: performance.now() - started };
    }
    const sent = await this.send(body, request, callOptions.signal);
    // A server may echo what it was sent; no registered secret leaves the layer, in results or the cache.
    const reply = maskValue(sent.reply);
    const retries = sent.retries;
    this.meter.answered(reply.usage);
    if (key) {
      const { server: _server, ...kept } = reply;
      cache?.put(key, kept);
    }
    return { ...reply, model: this.model, cached: false, retries, latencyMs: performance.now() - started };
  }

  usage(): RoleUsage {
    return this.meter.snapshot();
  }

  async promptRoom(): Promise<number | undefined> {
    const window = await (this.contextWindow ??= this.findContextWindow());
    if (window === undefined) return undefined;
    // The reply's room: its cap when the role sets one, else a quarter of the window (llama.cpp
    // without a cap writes until the context is full, so a cap is wise there anyway).
    const reply = Math.min(this.options.sampling.maxTokens ?? Math.floor(window / 4), Math.floor(window / 2));
    return window - reply;
  }

  private async findContextWindow(): Promise<number | undefined> {
    if (this.options.contextTokens !== undefined) return this.options.contextTokens;
    if (this.simulated) return undefined;
    const pool = this.pool ?? (await this.openPool());
    const windows = await Promise.all(pool.endpoints.map((endpoint) => readContextWindow(endpoint, this.model)));
    const known = windows.filter((w): w is number => w !== undefined);
    if (known.length > 0) this.logger.debug(`${this.role}: context window ${Math.min(...known)} tokens, as the server reports`);
    return known.length > 0 ? Math.min(...known) : undefined;
  }

  async followCapacity(): Promise<CapacityReport[]> {
    const pool = this.pool ?? (await this.openPool());
    return Promise.all(
      pool.endpoints.map(async (endpoint) => {
        // The direct transport (a .invalid host, RFC 6761) has no server to ask, and nothing to wait for.
        if (!new URL(endpoint.url).hostname.endsWith('.invalid')) {
          const found = await discoverCapacity(endpoint.url, endpoint.sdk.apiKey ?? '', endpoint.fetch);
          endpoint.engine ??= found.engine;
          endpoint.capacity =
            found.slots !== undefined && found.source
              ? new SlotLimit(endpoint.concurrency, found.slots, { source: found.source, roundTripMs: found.roundTripMs ?? 0 })
              : new GradientLimit(endpoint.concurrency);
        }
        return { url: endpoint.url, engine: endpoint.engine, limit: limitOf(endpoint), describe: endpoint.capacity?.describe ?? `fixed at concurrency ${endpoint.concurrency}` };
      }),
    );
  }

  inFlightLimit(): number | undefined {
    return this.pool?.endpoints.reduce((sum, endpoint) => sum + limitOf(endpoint), 0);
  }

  private async send(body: RequestBody, request: ChatRequest, signal: AbortSignal | undefined): Promise<{ reply: Reply; retries: number }> {
    const pool = this.pool ?? (await this.openPool());
    const { maxRetries } = this.options;
    const attemptOptions = { stream: request.stream === true, json: request.responseFormat !== undefined, timeoutMs: this.options.timeoutMs, signal, maxReplyBytes: this.options.maxReplyBytes };
    let url = pool.endpoints[0]?.url ?? '';
    // The last fault of the endpoint, so that a caller who gives up while retrying learns what it was waiting out.
    let fault: Failure | undefined;
    for (let retry = 0; ; retry++) {
      let failure: Failure;
      try {
        const endpoint = await pool.acquire(signal);
        url = endpoint.url;
        const inFlight = endpoint.inFlight;
        const sentAt = performance.now();
        try {
          const hints = cacheHints(endpoint.engine, body.messages);
          const reply = await attempt(endpoint.sdk, hints ? { ...body, ...hints } : body, attemptOptions);
          pool.succeeded(endpoint);
          if (endpoint.capacity) {
            endpoint.capacity.observe(performance.now() - sentAt, inFlight);
            pool.grantWaiting();
          }
          return { reply, retries: retry };
        } catch (error) {
          if (error instanceof AttemptError && error.failure.retryable) {
            pool.failed(endpoint);
            endpoint.capacity?.overloaded();
          }
          throw error;
        } finally {
          pool.release(endpoint);
        }
      } catch (error) {
        if (!(error instanceof AttemptError) && !signal?.aborted) throw error;
        failure = error instanceof AttemptError ? error.failure : classifyFailure(error, { timedOut: false, callerAborted: true });
      }
      if (failure.kind === 'aborted' && fault) {
        this.meter.failed();
        throw abortedWhileRetrying(fault, this.context(url, retry));
      }
      if (!failure.retryable || retry >= maxRetries) {
        this.meter.failed();
        throw toModelError(failure, this.context(url, retry + 1));
      }
      fault = failure;
      const delay = retryDelay(retry, this.retryPolicy, failure.retryAfterMs);
      this.meter.retried();
      this.logger.debug(`${this.role}: ${failure.kind}${failure.status ? ` ${failure.status}` : ''} from ${url}; retry ${retry + 1}/${maxRetries} in ${Math.round(delay)} ms`);
      try {
        await sleep(delay, signal);
      } catch {
        this.meter.failed();
        throw abortedWhileRetrying(failure, this.context(url, retry + 1));
      }
    }
  }

  private async openPool(): Promise<EndpointPool> {
    const open = this.options.pool as () => Promise<EndpointPool>;
    this.pool = await (this.opening ??= open());
    return this.pool;
  }

  private context(url: string, attempts: number) {
    return { role: this.role, model: this.model, url, attempts };
  }
}
