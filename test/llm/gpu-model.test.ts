import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/llm/sim/gpu/clock.js';
import { GpuModel, type GpuJob, type GpuSettings } from '../../src/llm/sim/gpu/gpu.js';
import { BLOCK_TOKENS, PrefixCache } from '../../src/llm/sim/gpu/prefix-cache.js';

const job = (promptTokens: number, outputTokens: number, promptText = ''): GpuJob => ({ promptTokens, promptText, outputTokens, replyText: '' });

/** Submits the jobs in order at the current virtual time; each resolves with its finish time and timings. */
function submit(gpu: GpuModel, clock: VirtualClock, jobs: GpuJob[], signal = new AbortController().signal) {
  return jobs.map(async (j) => {
    const slot = await gpu.admit(signal);
    try {
      const t = await slot.serve(j);
      return { ...t, queueMs: slot.queueMs, finishedAt: clock.now() };
    } finally {
      slot.release();
    }
  });
}

const settings = (over: Partial<GpuSettings> = {}): GpuSettings => ({ slots: 2, prefillMsPer1kTokens: 100, decodeMsPerToken: 10, prefixCache: false, prefixCacheTokens: 1_000_000, ...over });

describe('the GPU-shaped timing model', () => {
  it('serves `slots` requests at once, queues the rest in arrival order, and times each as prefill + decode', async () => {
    const clock = new VirtualClock();
    const gpu = new GpuModel(settings(), clock);
    // A: 1000 prompt, 5 out → 100 + 50 = 150 ms. B: 2000, 10 → 200 + 100 = 300 ms. C: 500, 2 → 50 + 20 = 70 ms, queued until A frees its slot at 150.
    const done = submit(gpu, clock, [job(1000, 5), job(2000, 10), job(500, 2)]);
    await clock.advance(1000);
    const [a, b, c] = await Promise.all(done);
    expect(a).toEqual({ queueMs: 0, cachedTokens: 0, prefillMs: 100, decodeMs: 50, finishedAt: 150 });
    expect(b).toEqual({ queueMs: 0, cachedTokens: 0, prefillMs: 200, decodeMs: 100, finishedAt: 300 });
    expect(c).toEqual({ queueMs: 150, cachedTokens: 0, prefillMs: 50, decodeMs: 20, finishedAt: 220 });
    const stats = gpu.stats();
    expect(stats).toMatchObject({ slots: 2, busySlots: 0, queued: 0, peakQueued: 1, peakBusySlots: 2, admitted: 3, completed: 3, promptTokens: 3500, generatedTokens: 17 });
    // Busy 150 + 300 + 70 = 520 slot-ms over 300 ms of 2 slots.
    expect(stats.busySlotSeconds).toBeCloseTo(0.52, 10);
    expect(stats.serviceSeconds).toBeCloseTo(0.52, 10);
    expect(stats.elapsedSeconds).toBeCloseTo(0.3, 10);
    expect(stats.occupancy).toBeCloseTo(520 / 600, 10);
    expect(stats.queueWaitMs).toEqual({ count: 3, mean: 50, p50: 0, p99: 150, max: 150 });
  });

  it('prefills only the prompt tokens the shared prefix cache does not hold, whichever slot computed them', async () => {
    const clock = new VirtualClock();
    // 1 ms per prompt token, no decode: a request's time is its uncached prompt tokens.
    const gpu = new GpuModel(settings({ slots: 2, prefillMsPer1kTokens: 1000, decodeMsPerToken: 0, prefixCache: true }), clock);
    const shared = 's'.repeat(128); // two blocks of 16 tokens
    const first = submit(gpu, clock, [job(48, 0, `${shared}${'x'.repeat(64)}`)]);
    await clock.advance(48);
    expect((await first[0])!).toMatchObject({ cachedTokens: 0, prefillMs: 48, finishedAt: 48 });
    // Two at once, one per slot: both reuse the shared 32 tokens; the first one's own tail (x…) is no use to them.
    const next = submit(gpu, clock, [job(48, 0, `${shared}${'y'.repeat(64)}`), job(40, 0, `${shared}${'x'.repeat(32)}`)]);
    await clock.advance(100);
    const [y, x] = await Promise.all(next);
    expect(y).toMatchObject({ cachedTokens: 32, prefillMs: 16, queueMs: 0, finishedAt: 64 });
    expect(x).toMatchObject({ cachedTokens: 32, prefillMs: 8, queueMs: 0, finishedAt: 56 });
    // Blocks held: the two shared, x's and y's own full blocks (a half block is not cached).
    expect(gpu.stats().prefixCache).toEqual({ enabled: true, scope: 'shared', cachedTokens: 64, hitRate: 64 / 136, sizeTokens: 4 * BLOCK_TOKENS });
  });

  it("caches a reply's blocks after decoding it, so the next turn that carries it back hits them", async () => {
    const clock = new VirtualClock();
    const gpu = new GpuModel(settings({ slots: 1, prefillMsPer1kTokens: 1000, decodeMsPerToken: 1, prefixCache: true }), clock);
    const prompt = 'p'.repeat(64);
    const reply = 'r'.repeat(64);
    const turn1 = submit(gpu, clock, [{ promptTokens: 16, promptText: prompt, outputTokens: 16, replyText: reply }]);
    await clock.advance(32);
    expect((await turn1[0])!).toMatchObject({ cachedTokens: 0, prefillMs: 16, decodeMs: 16, finishedAt: 32 });
    const turn2 = submit(gpu, clock, [job(48, 1, `${prompt}${reply}${'u'.repeat(64)}`)]);
    await clock.advance(100);
    expect((await turn2[0])!).toMatchObject({ cachedTokens: 32, prefillMs: 16, decodeMs: 1, finishedAt: 49 });
  });

  it('with the prefix cache off, every prompt token is prefilled every time', async () => {
    const clock = new VirtualClock();
    const gpu = new GpuModel(settings({ slots: 1, prefillMsPer1kTokens: 1000, decodeMsPerToken: 0, prefixCache: false }), clock);
    const text = 'q'.repeat(256);
    const both = submit(gpu, clock, [job(64, 0, text), job(64, 0, text)]);
    await clock.advance(200);
    const [one, two] = await Promise.all(both);
    expect(one).toMatchObject({ cachedTokens: 0, finishedAt: 64 });
    expect(two).toMatchObject({ cachedTokens: 0, queueMs: 64, finishedAt: 128 });
    expect(gpu.stats().prefixCache).toMatchObject({ enabled: false, cachedTokens: 0, hitRate: 0, sizeTokens: 0 });
  });

  it('a queued request whose client leaves takes no slot; the queue moves on without it', async () => {
    const clock = new VirtualClock();
    const gpu = new GpuModel(settings({ slots: 1 }), clock);
    const leaving = new AbortController();
    const first = submit(gpu, clock, [job(1000, 0)]); // 100 ms
    const gone = submit(gpu, clock, [job(1000, 0)], leaving.signal);
    const third = submit(gpu, clock, [job(1000, 0)]);
    await clock.advance(10);
    leaving.abort(new Error('client left'));
    await expect(gone[0]).rejects.toThrow('client left');
    await clock.advance(500);
    expect((await first[0])!.finishedAt).toBe(100);
    expect((await third[0])!).toMatchObject({ queueMs: 100, finishedAt: 200 });
    expect(gpu.stats()).toMatchObject({ admitted: 2, completed: 2, queued: 0 });
  });

  it('evicts the least recently used blocks beyond its capacity', () => {
    const cache = new PrefixCache(2 * BLOCK_TOKENS);
    const a = PrefixCache.keys('a'.repeat(128));
    const b = PrefixCache.keys('b'.repeat(64));
    cache.insert(a);
    expect(cache.cachedTokens(a)).toBe(32);
    cache.insert(b);
    // a's first block was the least recently used: a now misses from its first block on.
    expect(cache.cachedTokens(a)).toBe(0);
    expect(cache.cachedTokens(b)).toBe(16);
    expect(cache.sizeTokens).toBe(32);
  });
});
