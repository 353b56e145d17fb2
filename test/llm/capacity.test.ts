import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverCapacity, GradientLimit, slotHeadroom } from '../../src/llm/index.js';
import { agentLayer, simServer, userMessage } from './helpers.js';
import { sendJson } from './raw-server.js';

/** A fetch that answers GET routes from `routes` (404 otherwise), recording the paths asked. */
function fakeEngine(routes: Record<string, unknown>) {
  const gets: string[] = [];
  const fetchImpl = async (input: string | URL | Request): Promise<Response> => {
    const path = new URL(String(input)).pathname;
    gets.push(path);
    return path in routes ? Response.json(routes[path]) : new Response('not found', { status: 404 });
  };
  return { gets, fetchImpl };
}

/** A llama.cpp-like server on loopback: GET /props with total_slots, chat completions answering "ok"; records chat bodies. */
async function llamaLike(totalSlots: number): Promise<{ url: string; bodies: Array<Record<string, unknown>> }> {
  const bodies: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/props') return sendJson(res, 200, { total_slots: totalSlots, default_generation_settings: {} });
      if (req.url !== '/v1/chat/completions') return sendJson(res, 404, { error: { message: 'not found' } });
      bodies.push(JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>);
      sendJson(res, 200, { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies };
}

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closing.length > 0) await closing.pop()?.();
});

describe('finding how many requests a server runs at once', () => {
  it("reads llama.cpp's total_slots from /props at the server's root", async () => {
    const { gets, fetchImpl } = fakeEngine({ '/props': { total_slots: 4, default_generation_settings: {} } });
    expect(await discoverCapacity('http://gpu.local:8080/v1', 'k', fetchImpl)).toEqual({ engine: 'llama-cpp', slots: 4, source: 'llama.cpp /props' });
    expect(gets).toEqual(['/props']);
  });

  it("reads SGLang's max_running_requests from /get_server_info when /props is absent", async () => {
    const { gets, fetchImpl } = fakeEngine({ '/get_server_info': { max_running_requests: 48, disable_radix_cache: false } });
    expect(await discoverCapacity('http://gpu.local:30000/v1/', 'k', fetchImpl)).toEqual({ engine: 'sglang', slots: 48, source: 'SGLang /get_server_info' });
    expect(gets).toEqual(['/props', '/get_server_info']);
  });

  it('knows nothing of a server that says nothing (vLLM, OpenAI) or is down, and never throws', async () => {
    const { fetchImpl } = fakeEngine({});
    expect(await discoverCapacity('http://gpu.local:8000/v1', 'k', fetchImpl)).toEqual({ engine: undefined, slots: undefined, source: undefined });
    expect(await discoverCapacity('http://127.0.0.1:1/v1', 'k')).toEqual({ engine: undefined, slots: undefined, source: undefined });
  });

  it('the GPU-shaped simulated server is found over real HTTP, and a run-stage client then keeps slots + 1 in flight', async () => {
    const server = await simServer({ gpu: { slots: 3, prefillMsPer1kTokens: 0, decodeMsPerToken: 0 } });
    expect(await discoverCapacity(server.url, 'k')).toEqual({ engine: 'sim', slots: 3, source: 'simulated server /props' });
    const { layer } = await agentLayer(server.url, { concurrency: 64 });
    const agent = layer.client('agent');
    expect(await agent.followCapacity?.()).toEqual([{ url: server.url, engine: 'sim', limit: 4, describe: '3 slots (simulated server /props), adaptive from 4 (at least 3, at most 64)' }]);
    expect(agent.inFlightLimit?.()).toBe(4);
    // Its llama.cpp-style timings reach the result, and never the response cache.
    const fresh = await agent.chat({ messages: userMessage('timed') }, { sampleIndex: 0 });
    expect(fresh.server).toEqual({ cachedTokens: 0, promptMs: 0, decodeMs: 0, queueMs: 0 });
    const replayed = await agent.chat({ messages: userMessage('timed') }, { sampleIndex: 0 });
    expect(replayed.cached).toBe(true);
    expect(replayed.server).toBeUndefined();
  });
});

describe('prefix-cache hints', () => {
  it("sends llama.cpp's cache_prompt once the server is found to be llama.cpp, and keeps it out of the response cache key", async () => {
    const server = await llamaLike(2);
    const { layer } = await agentLayer(server.url, { concurrency: 8 });
    const agent = layer.client('agent');
    await agent.chat({ messages: userMessage('before') }, { sampleIndex: 0 });
    expect(server.bodies[0]).not.toHaveProperty('cache_prompt');
    expect(await agent.followCapacity?.()).toEqual([{ url: server.url, engine: 'llama-cpp', limit: 3, describe: '2 slots (llama.cpp /props), adaptive from 3 (at least 2, at most 8)' }]);
    await agent.chat({ messages: userMessage('after') }, { sampleIndex: 0 });
    expect(server.bodies[1]).toMatchObject({ cache_prompt: true, messages: [{ role: 'user', content: 'after' }] });
    // The same request as before the hint is still a hit of the response cache.
    expect((await agent.chat({ messages: userMessage('before') }, { sampleIndex: 0 })).cached).toBe(true);
    expect(server.bodies).toHaveLength(2);
  });
});

describe('the adaptive (gradient) limit', () => {
  /** A server of `slots` slots and `serviceMs` per request: beyond the slots, requests wait their turn. */
  const latency = (inFlight: number, slots: number, serviceMs: number) => serviceMs * Math.max(1, inFlight / slots);

  function drive(limit: GradientLimit, slots: number, rounds: number): number[] {
    const seen: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const inFlight = limit.current();
      for (let i = 0; i < inFlight; i++) limit.observe(latency(inFlight, slots, 100), inFlight);
      seen.push(limit.current());
    }
    return seen;
  }

  it('with a configured 256 against a 16-slot server, settles a little above 16 (where L − √L = 16, about 20)', () => {
    const limit = new GradientLimit(256);
    const seen = drive(limit, 16, 400);
    const settled = seen.slice(-100);
    expect(Math.max(...settled)).toBeLessThanOrEqual(28);
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(16);
  });

  it('grows to the configured maximum while latency does not rise, and never past it', () => {
    const limit = new GradientLimit(40, 4);
    const seen = drive(limit, 1_000, 200);
    expect(seen[seen.length - 1]).toBe(40);
    expect(Math.max(...seen)).toBeLessThanOrEqual(40);
  });

  it('starts at 8 and doubles each window while latency stays flat (slow start): 64 after three windows', () => {
    const limit = new GradientLimit(64);
    const after: number[] = [];
    for (let window = 0; window < 3; window++) {
      const n = limit.current();
      for (let i = 0; i < Math.max(8, n); i++) limit.observe(100, n);
      after.push(limit.current());
    }
    expect(after).toEqual([16, 32, 64]);
  });

  it('halves at once on overload, never below 1', () => {
    const limit = new GradientLimit(64, 32);
    limit.overloaded();
    expect(limit.current()).toBe(16);
    for (let i = 0; i < 10; i++) limit.overloaded();
    expect(limit.current()).toBe(1);
  });

  it('does not grow while the client never fills it', () => {
    const limit = new GradientLimit(64, 8);
    for (let i = 0; i < 500; i++) limit.observe(100, 2);
    expect(limit.current()).toBe(8);
  });

  it('for a server that told its slots: starts at slots plus an eighth, never below the slots, never above the configured concurrency', () => {
    expect(slotHeadroom(16)).toBe(2);
    expect(slotHeadroom(4)).toBe(1);
    const told = new GradientLimit(64, 18, 16, '16 slots (x)');
    expect(told).toMatchObject({ describe: '16 slots (x), adaptive from 18 (at least 16, at most 64)' });
    // Against 16 slots it stays between the slots and a few queued.
    const seen = drive(told, 16, 200);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(16);
    expect(Math.max(...seen)).toBeLessThanOrEqual(28);
    expect(new GradientLimit(10, 18, 16, 'x').current()).toBe(10);
    // An overload halves the limit and the floor with it.
    const refused = new GradientLimit(64, 18, 16, 'x');
    refused.overloaded();
    expect(refused.current()).toBe(9);
    refused.overloaded();
    refused.overloaded();
    expect(refused.current()).toBe(2);
  });
});
