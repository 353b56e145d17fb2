import type { DirectFetch } from '../sim/direct.js';

/** What a server says about itself: which engine, and how many requests it runs at once. */
export interface ServerCapacity {
  engine: 'llama-cpp' | 'sglang' | 'sim' | undefined;
  slots: number | undefined;
  /** Where the slots came from, for the log. */
  source: string | undefined;
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
  const props = await getJson(`${root}/props`, apiKey, fetchImpl);
  const total = positiveInt(props?.total_slots);
  if (total !== undefined) return { engine: props?.simulated === true ? 'sim' : 'llama-cpp', slots: total, source: props?.simulated === true ? 'simulated server /props' : 'llama.cpp /props' };
  const info = await getJson(`${root}/get_server_info`, apiKey, fetchImpl);
  if (info && ('max_running_requests' in info || 'radix_cache' in info || 'disable_radix_cache' in info)) {
    const running = positiveInt(info.max_running_requests);
    return { engine: 'sglang', slots: running, source: running === undefined ? undefined : 'SGLang /get_server_info' };
  }
  return { engine: undefined, slots: undefined, source: undefined };
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
