import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverCapacity, GradientLimit, SlotLimit } from '../../src/llm/index.js';
import { eventLoopLag } from '../../src/llm/capacity/slot-limit.js';
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
    expect(await discoverCapacity('http://gpu.local:8080/v1', 'k', fetchImpl)).toEqual({ engine: 'llama-cpp', slots: 4, source: 'llama.cpp /props', roundTripMs: expect.any(Number) });
    // Asked twice: the second ask, on a warm connection, times the round trip.
    expect(gets).toEqual(['/props', '/props']);
  });

  it("reads SGLang's max_running_requests from /get_server_info when /props is absent", async () => {
    const { gets, fetchImpl } = fakeEngine({ '/get_server_info': { max_running_requests: 48, disable_radix_cache: false } });
    expect(await discoverCapacity('http://gpu.local:30000/v1/', 'k', fetchImpl)).toEqual({ engine: 'sglang', slots: 48, source: 'SGLang /get_server_info', roundTripMs: expect.any(Number) });
    expect(gets).toEqual(['/props', '/get_server_info', '/get_server_info']);
  });

  it('knows nothing of a server that says nothing (vLLM, OpenAI) or is down, and never throws', async () => {
    const { fetchImpl } = fakeEngine({});
    expect(await discoverCapacity('http://gpu.local:8000/v1', 'k', fetchImpl)).toEqual({ engine: undefined, slots: undefined, source: undefined });
    expect(await discoverCapacity('http://127.0.0.1:1/v1', 'k')).toEqual({ engine: undefined, slots: undefined, source: undefined });
  });

  it('the GPU-shaped simulated server is found over real HTTP, and a run-stage client then keeps its slots in flight', async () => {
    const server = await simServer({ gpu: { slots: 3, prefillMsPer1kTokens: 0, decodeMsPerToken: 0 } });
    const found = await discoverCapacity(server.url, 'k');
    expect(found).toMatchObject({ engine: 'sim', slots: 3, source: 'simulated server /props' });
    expect(found.roundTripMs).toBeGreaterThan(0);
    const { layer } = await agentLayer(server.url, { concurrency: 64 });
    const agent = layer.client('agent');
    expect(await agent.followCapacity?.()).toEqual([{ url: server.url, engine: 'sim', limit: 3, describe: expect.stringMatching(/^3 slots \(simulated server \/props\), plus a queue that covers the round trip \([\d.]+ ms\) and our event loop's lag, at most 64$/) }]);
    expect(agent.inFlightLimit?.()).toBe(3);
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
    expect(await agent.followCapacity?.()).toMatchObject([{ url: server.url, engine: 'llama-cpp', limit: 2 }]);
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
});

describe('the limit for a server that told its slots', () => {
  /** A limit over 16 slots whose event loop lags `lag` ms and whose server is `roundTripMs` away. */
  function slotLimit(lag: number, roundTripMs = 0, max = 64) {
    return new SlotLimit(max, 16, { source: 'x', roundTripMs, lagMs: () => lag });
  }
  const replies = (limit: SlotLimit, n: number, latencyMs: number) => {
    for (let i = 0; i < n; i++) limit.observe(latencyMs);
  };

  it('keeps exactly the slots in flight while replies come back at once: nothing waits in the server', () => {
    const limit = slotLimit(0.5, 0.3);
    expect(limit.current()).toBe(16);
    replies(limit, 160, 150);
    // 16 × 0.8 ms / 150 ms: a queued request would wait longer for its slot than the slot idles.
    expect(limit.current()).toBe(16);
  });

  it("queues ⌊slots × gap / latency⌋ (Little's law) when replies are slow to come back: the loop's lag plus the round trip", () => {
    const loaded = slotLimit(60, 20);
    replies(loaded, 16, 160);
    expect(loaded.current()).toBe(24);
    // A long network alone does the same.
    const far = slotLimit(0, 40);
    replies(far, 16, 160);
    expect(far.current()).toBe(20);
  });

  it('learns once per window of as many replies as slots, and follows the latency as it moves', () => {
    const limit = slotLimit(50);
    replies(limit, 15, 80);
    expect(limit.current()).toBe(16);
    replies(limit, 1, 80);
    expect(limit.current()).toBe(26);
    // Replies grow slower (longer answers): the same gap needs a shorter queue.
    replies(limit, 16 * 20, 640);
    expect(limit.current()).toBe(17);
  });

  it('never queues more than the slots, never goes past the configured concurrency', () => {
    const stuck = slotLimit(10_000);
    replies(stuck, 16, 100);
    expect(stuck.current()).toBe(32);
    const capped = slotLimit(10_000, 0, 20);
    replies(capped, 16, 100);
    expect(capped.current()).toBe(20);
    expect(new SlotLimit(10, 16, { source: 'x', roundTripMs: 0 }).current()).toBe(10);
  });

  it('halves the slots and drops the queue on overload, never below 1', () => {
    const limit = slotLimit(60, 20);
    replies(limit, 16, 160);
    limit.overloaded();
    expect(limit.current()).toBe(8);
    for (let i = 0; i < 10; i++) limit.overloaded();
    expect(limit.current()).toBe(1);
  });

  it("reads the event loop's lag: a loop blocked for 200 ms shows in the next reading", async () => {
    const lag = eventLoopLag();
    await new Promise((resolve) => setTimeout(resolve, 50));
    lag();
    const until = performance.now() + 200;
    while (performance.now() < until) {
      // blocking the loop, as a busy client does
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(lag()).toBeGreaterThan(5);
  });
});
