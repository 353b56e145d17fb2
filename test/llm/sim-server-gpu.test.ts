import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '../../src/llm/sim/index.js';
import { VirtualClock } from '../../src/llm/sim/gpu/clock.js';
import { textOf } from '../../src/llm/sim/tokens.js';
import type { SimResponder } from '../../src/llm/sim/types.js';
import { call, chat, sseData, user } from './sim-server-http.js';

/** Replies with as many tokens (4 characters each) as the last user message asks for before its "|". */
const sized: SimResponder = {
  respond: (request) => {
    const said = textOf(request.messages[request.messages.length - 1]?.content);
    return { content: 'o'.repeat(4 * Number(said.split('|')[0])), toolCalls: [] };
  },
};

/** A user message of exactly `tokens` tokens (4 characters each) asking for `out` completion tokens. */
const ask = (out: number, tokens: number) => user(`${out}|`.padEnd(4 * tokens, '.'));

let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function arrived(s: SimServer, count: number): Promise<void> {
  while ((s.stats().gpu?.busySlots ?? 0) + (s.stats().gpu?.queued ?? 0) < count) await new Promise((r) => setTimeout(r, 5));
}

describe('the GPU-shaped simulated server over HTTP', () => {
  it('answers on the hand-computed schedule, with llama.cpp timings in each reply and the same figures on GET /stats', async () => {
    const clock = new VirtualClock();
    // 1 ms per prompt token, 1 ms per generated token, 2 slots.
    server = await startSimServer({ responder: sized, clock, gpu: { slots: 2, prefillMsPer1kTokens: 1000, decodeMsPerToken: 1, prefixCache: false } });
    // Prompt tokens = 3 + 4 per message + the message's own: 107, 207, 57.
    const r1 = chat(server.url, { messages: [ask(20, 100)] }); // 107 + 20 = 127 ms, from 0
    await arrived(server, 1);
    const r2 = chat(server.url, { messages: [ask(10, 200)] }); // 207 + 10 = 217 ms, from 0
    await arrived(server, 2);
    const r3 = chat(server.url, { messages: [ask(5, 50)] }); // 57 + 5 = 62 ms, queued until 127, done at 189
    await arrived(server, 3);
    expect(server.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    await clock.advance(1_000);
    const timings = (await Promise.all([r1, r2, r3])).map((r) => (r.json as { timings: unknown }).timings);
    expect(timings).toEqual([
      { cache_n: 0, prompt_n: 107, prompt_ms: 107, predicted_n: 20, predicted_ms: 20, queue_ms: 0 },
      { cache_n: 0, prompt_n: 207, prompt_ms: 207, predicted_n: 10, predicted_ms: 10, queue_ms: 0 },
      { cache_n: 0, prompt_n: 57, prompt_ms: 57, predicted_n: 5, predicted_ms: 5, queue_ms: 127 },
    ]);
    const stats = (await call(`${server.url.replace(/\/v1$/, '')}/stats`)).json as Record<string, any>;
    expect(stats.chatCompletions).toBe(3);
    expect(stats.gpu).toMatchObject({ slots: 2, busySlots: 0, queued: 0, admitted: 3, completed: 3, promptTokens: 371, generatedTokens: 35, peakQueued: 1 });
    // 127 + 217 + 62 = 406 slot-ms over the 217 ms from the first arrival to the last slot freed.
    expect(stats.gpu.busySlotSeconds).toBeCloseTo(0.406, 10);
    expect(stats.gpu.serviceSeconds).toBeCloseTo(0.406, 10);
    expect(stats.gpu.elapsedSeconds).toBeCloseTo(0.217, 10);
    expect(stats.gpu.occupancy).toBeCloseTo(406 / 434, 10);
    expect(stats.gpu.queueWaitMs).toEqual({ count: 3, mean: 127 / 3, p50: 0, p99: 127, max: 127 });
  });

  it('reuses the shared system prompt from the prefix cache, and sends the timings with the last chunk of a stream', async () => {
    const clock = new VirtualClock();
    server = await startSimServer({ responder: sized, clock, gpu: { slots: 4, prefillMsPer1kTokens: 1000, decodeMsPerToken: 1 } });
    const system = { role: 'system', content: 'S'.repeat(640) };
    const first = chat(server.url, { messages: [system, ask(1, 10)] });
    await arrived(server, 1);
    await clock.advance(1_000);
    // Prompt 3 + (4 + 160) + (4 + 10) = 181 tokens, nothing cached yet.
    expect(((await first).json as any).timings).toMatchObject({ cache_n: 0, prompt_n: 181, prompt_ms: 181 });
    // The template text shared: "<|system|>" + 640 S + "<|end|><|user|>" = 665 characters = 10 whole blocks of 64, 160 tokens.
    const second = chat(server.url, { messages: [system, ask(2, 12)], stream: true });
    await arrived(server, 1);
    await clock.advance(1_000);
    const chunks = sseData((await second).text).filter((c): c is Record<string, unknown> => c !== '[DONE]');
    expect(chunks[chunks.length - 1]!.timings).toEqual({ cache_n: 160, prompt_n: 23, prompt_ms: 23, predicted_n: 2, predicted_ms: 2, queue_ms: 0 });
    expect(server.stats().gpu?.prefixCache).toMatchObject({ enabled: true, scope: 'shared', cachedTokens: 160 });
  });

  it('says how many slots it has on GET /props, as llama.cpp does; the simple mode has neither /props nor /stats', async () => {
    server = await startSimServer({ gpu: { slots: 3, prefillMsPer1kTokens: 0, decodeMsPerToken: 0 } });
    const root = server.url.replace(/\/v1$/, '');
    expect((await call(`${root}/props`)).json).toEqual({ total_slots: 3, simulated: true, prefix_cache: 'shared' });
    expect((await call(`${root}/stats`, { method: 'POST', body: {} })).status).toBe(405);
    await server.close();
    server = await startSimServer({});
    const simple = server.url.replace(/\/v1$/, '');
    expect((await call(`${simple}/props`)).status).toBe(404);
    expect((await call(`${simple}/stats`)).status).toBe(404);
  });

  it('refuses gpu settings that make no sense, and gpu with concurrencyLimit, naming the option', async () => {
    await expect(startSimServer({ gpu: { slots: 0, prefillMsPer1kTokens: 1, decodeMsPerToken: 1 } })).rejects.toThrow(/simulated server option gpu\.slots/);
    await expect(startSimServer({ gpu: { slots: 2, prefillMsPer1kTokens: -1, decodeMsPerToken: 1 } })).rejects.toThrow(/gpu\.prefillMsPer1kTokens/);
    await expect(startSimServer({ concurrencyLimit: 4, gpu: { slots: 2, prefillMsPer1kTokens: 1, decodeMsPerToken: 1 } })).rejects.toMatchObject({ code: 'EUSAGE', message: expect.stringMatching(/concurrencyLimit and gpu: choose one/) });
  });
});
