import { sha256 } from '../../core/hash.js';
import type { ServerCapacity } from './discover.js';

export type Engine = ServerCapacity['engine'] | 'openai';

/**
 * Request fields that help an engine reuse cached prompt prefixes without changing the reply,
 * so they are added when the request is sent and are no part of its cache key:
 * - llama.cpp: `cache_prompt: true` (reuse the slot's KV cache for the common prefix; the
 *   server's default in recent builds, sent so that older builds do it too);
 * - OpenAI: `prompt_cache_key`, a hash of the first (system) message, so that requests sharing
 *   it are routed to the same cache;
 * - vLLM (automatic prefix caching) and SGLang (RadixAttention) cache shared prefixes across
 *   requests on their own, with no request field; nothing is sent.
 */
export function cacheHints(engine: Engine, messages: readonly unknown[]): Record<string, unknown> | undefined {
  if (engine === 'llama-cpp') return { cache_prompt: true };
  if (engine === 'openai') {
    const first = messages[0] as { role?: unknown; content?: unknown } | undefined;
    if (first && (first.role === 'system' || first.role === 'developer') && typeof first.content === 'string') return { prompt_cache_key: `agentdevel-${sha256(first.content).slice(0, 24)}` };
  }
  return undefined;
}

/** The engine a base URL names by itself (OpenAI's own API), before any probe. */
export function engineOfURL(url: string): Engine {
  try {
    return new URL(url).hostname === 'api.openai.com' ? 'openai' : undefined;
  } catch {
    return undefined;
  }
}
