import type { DirectFetch } from '../sim/direct.js';

/** What a server says about itself: which engine, and how many requests it runs at once. */
export interface ServerCapacity {
  engine: 'llama-cpp' | 'sglang' | 'sim' | undefined;
  slots: number | undefined;
  /** Where the slots came from, for the log. */
  source: string | undefined;
  /**
   * The quickest of two asks of the endpoint that answered, in ms: a request's way to the server
   * and back with no work to do (the second reuses the first's connection). Set with `slots`.
   */
  roundTripMs?: number;
}

const PROBE_TIMEOUT_MS = 3_000;

/**
 * Asks the server where engines document their capacity: llama.cpp's `GET /props`
 * (`total_slots`, the --parallel setting; the GPU-shaped simulated server answers it too), then
 * SGLang's `GET /get_server_info` (`max_running_requests`). vLLM publishes no slot count over
 * HTTP (max_num_seqs is a start-up flag), so it and anything else get `slots: undefined` and an
 * adaptive limit. Never fails: an unreachable or unknown server is simply "unknown".
 */
export async function discoverCapacity(baseURL: string, apiKey: string, fetchImpl: DirectFetch = fetch): Promise<ServerCapacity> {
  const root = baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
  const props = await timedGetJson(`${root}/props`, apiKey, fetchImpl);
  const total = positiveInt(props.body?.total_slots);
  if (total !== undefined) {
    const simulated = props.body?.simulated === true;
    return { engine: simulated ? 'sim' : 'llama-cpp', slots: total, source: simulated ? 'simulated server /props' : 'llama.cpp /props', roundTripMs: await quicker(props.ms, `${root}/props`, apiKey, fetchImpl) };
  }
  const info = await timedGetJson(`${root}/get_server_info`, apiKey, fetchImpl);
  if (info.body && ('max_running_requests' in info.body || 'radix_cache' in info.body || 'disable_radix_cache' in info.body)) {
    const running = positiveInt(info.body.max_running_requests);
    if (running === undefined) return { engine: 'sglang', slots: undefined, source: undefined };
    return { engine: 'sglang', slots: running, source: 'SGLang /get_server_info', roundTripMs: await quicker(info.ms, `${root}/get_server_info`, apiKey, fetchImpl) };
  }
  return { engine: undefined, slots: undefined, source: undefined };
}

/** The first ask paid for the connection; a second one times the round trip alone. */
async function quicker(firstMs: number, url: string, apiKey: string, fetchImpl: DirectFetch): Promise<number> {
  const again = await timedGetJson(url, apiKey, fetchImpl);
  return again.body ? Math.min(firstMs, again.ms) : firstMs;
}

async function timedGetJson(url: string, apiKey: string, fetchImpl: DirectFetch): Promise<{ body: Record<string, unknown> | undefined; ms: number }> {
  const started = performance.now();
  const body = await getJson(url, apiKey, fetchImpl);
  return { body, ms: performance.now() - started };
}

async function getJson(url: string, apiKey: string, fetchImpl: DirectFetch): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetchImpl(url, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!res.ok) {
      await res.body?.cancel();
      return undefined;
    }
    const body: unknown = await res.json();
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
