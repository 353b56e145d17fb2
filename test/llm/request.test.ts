import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, seedFor } from '../../src/llm/index.js';
import { retryDelay } from '../../src/llm/backoff.js';
import { parseRetryAfter } from '../../src/llm/retry-after.js';
import { agentLayer, userMessage } from './helpers.js';
import { rawServer, sendEvents, sendJson } from './raw-server.js';

const ok = { id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'ok' } }] };

describe('the request body', () => {
  it('carries the role sampling, the extra body fields and a seed derived from the sample index', async () => {
    const server = await rawServer((request, res) =>
      request.body.stream ? sendEvents(res, [{ ...ok, object: 'chat.completion.chunk', choices: [{ index: 0, finish_reason: 'stop', delta: { content: 'ok' } }] }]) : sendJson(res, 200, ok),
    );
    const sampling = { temperature: 0.7, topP: 0.9, maxTokens: 256, extraBody: { cache_prompt: true, guided_decoding_backend: 'xgrammar' } };
    const { layer } = await agentLayer(server.url, { sampling });
    const agent = layer.client('agent');
    await agent.chat({ messages: userMessage('a') }, { sampleIndex: 3 });
    await agent.chat({ messages: userMessage('a'), sampling: { temperature: 0, extraBody: { cache_prompt: false } } }, { sampleIndex: 4 });
    await agent.chat({ messages: userMessage('a'), stream: true }, { sampleIndex: 3, cache: false });
    expect(server.received).toHaveLength(3);
    const [first, second, third] = server.received.map((r) => r.body);
    expect(first).toEqual({ model: 'sim-agent', messages: userMessage('a'), seed: seedFor(3), temperature: 0.7, top_p: 0.9, max_tokens: 256, cache_prompt: true, guided_decoding_backend: 'xgrammar' });
    expect(second).toMatchObject({ seed: seedFor(4), temperature: 0, top_p: 0.9, cache_prompt: false });
    expect(third).toMatchObject({ seed: seedFor(3), stream: true, stream_options: { include_usage: true } });
    expect(seedFor(3)).not.toBe(seedFor(4));
    expect(Number.isInteger(seedFor(3)) && seedFor(3) >= 0 && seedFor(3) < 2 ** 31).toBe(true);
  });
});

describe('the seed', () => {
  it('is a distinct 31-bit integer for every sample index, and the same on every call', () => {
    const seeds = Array.from({ length: 200_000 }, (_, i) => seedFor(i));
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
    expect(seedFor(12_345)).toBe(seeds[12_345]);
    expect(seedFor(2 ** 40 + 7)).toBeGreaterThanOrEqual(0);
  });
});

describe('Retry-After', () => {
  it('waits at least the seconds a 429 asks for before retrying', async () => {
    const server = await rawServer((_, res, index) =>
      index === 0 ? sendJson(res, 429, { error: { message: 'slow down', type: 'rate_limit' } }, { 'retry-after': '1' }) : sendJson(res, 200, ok),
    );
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('a') }, { sampleIndex: 0 });
    expect(result.retries).toBe(1);
    const [first, second] = server.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  it('reads seconds, milliseconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '1.5' }), now)).toBe(1500);
    expect(parseRetryAfter(new Headers({ 'retry-after': '1', 'retry-after-ms': '250' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('is obeyed up to a cap, and backoff stays inside its doubling window', () => {
    const policy = defaultRetryPolicy;
    expect(retryDelay(0, policy, 3000, () => 0)).toBe(3000);
    expect(retryDelay(0, policy, 3_600_000, () => 0)).toBe(policy.maxRetryAfterMs);
    expect(retryDelay(2, policy, undefined, () => 0.999)).toBeLessThan(policy.baseDelayMs * 4);
    expect(retryDelay(30, policy, undefined, () => 0.999)).toBeLessThanOrEqual(policy.maxDelayMs);
    expect(retryDelay(3, policy, undefined, () => 0)).toBe(0);
  });
});
