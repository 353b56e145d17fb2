import type { Endpoint } from './balancer.js';
import { isObject } from './reply.js';

const PROBE_TIMEOUT_MS = 3_000;

/**
 * The tokens one request may hold, as the server says: llama.cpp's `GET /props`
 * (`default_generation_settings.n_ctx`, the context of one slot) or vLLM's `max_model_len` on
 * each model of `GET /v1/models`. Undefined when the server says neither (OpenAI, Ollama, a
 * server that is down): nothing is clipped then unless `contextTokens` is declared.
 */
export async function readContextWindow(endpoint: Endpoint, model: string): Promise<number | undefined> {
  const root = endpoint.url.replace(/\/+$/, '').replace(/\/v1$/, '');
  const headers = { authorization: `Bearer ${endpoint.sdk.apiKey}` };
  const props = await getJson(`${root}/props`, headers);
  const slot = isObject(props) && isObject(props.default_generation_settings) ? props.default_generation_settings.n_ctx : undefined;
  if (isTokenCount(slot)) return slot;
  const models = await getJson(`${endpoint.url.replace(/\/+$/, '')}/models`, headers);
  const listed = isObject(models) && Array.isArray(models.data) ? models.data.filter(isObject) : [];
  const entry = listed.find((m) => m.id === model) ?? (listed.length === 1 ? listed[0] : undefined);
  return isTokenCount(entry?.max_model_len) ? entry.max_model_len : undefined;
}

function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!res.ok) {
      await res.arrayBuffer();
      return undefined;
    }
    const text = await res.text();
    return text.length > 1_000_000 ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
