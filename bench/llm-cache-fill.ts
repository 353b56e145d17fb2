import { sha256 } from '../src/core/hash.js';
import { ResponseCache } from '../src/llm/index.js';

/** The key of the i-th synthetic entry (what a request hash looks like). */
export function cacheBenchKey(i: number): string {
  return sha256(`bench-entry-${i}`);
}

/** Fills a cache with `count` replies of a typical size (a short answer or a tool call). */
export function fillCache(path: string, count: number): void {
  const cache = new ResponseCache(path);
  for (let i = 0; i < count; i++) {
    const toolCall = i % 3 === 0;
    cache.put(cacheBenchKey(i), {
      content: toolCall ? null : `The answer to question ${i} is ${(i * 31) % 997}, found after checking the records twice.`,
      toolCalls: toolCall ? [{ id: `call_${i}`, name: 'lookup_city', arguments: JSON.stringify({ name: `City ${i}`, limit: 5 }) }] : [],
      finishReason: toolCall ? 'tool_calls' : 'stop',
      usage: { promptTokens: 200 + (i % 50), completionTokens: 20 + (i % 30) },
    });
    if (i % 5000 === 4999) cache.flush();
  }
  cache.close();
}
