import { describe, expect, it } from 'vitest';
import { agentLayer, simServer, userMessage } from './helpers.js';

async function callMany(layer: Awaited<ReturnType<typeof agentLayer>>['layer'], count: number) {
  const agent = layer.client('agent');
  return Promise.all(Array.from({ length: count }, (_, i) => agent.chat({ messages: userMessage(`q${i}`) }, { sampleIndex: i, cache: false })));
}

describe('concurrency and balancing', () => {
  it('never has more requests in flight at a server than the role allows', async () => {
    const server = await simServer({ latencyMs: 40 });
    const { layer } = await agentLayer(server.url, { concurrency: 5 });
    await callMany(layer, 60);
    expect(server.stats().chatCompletions).toBe(60);
    expect(server.stats().peakInFlight).toBeLessThanOrEqual(5);
    expect(server.stats().peakInFlight).toBeGreaterThan(1);
  });

  it('keeps the limit per base URL and spreads equal servers evenly', async () => {
    const a = await simServer({ latencyMs: 40 });
    const b = await simServer({ latencyMs: 40 });
    const { layer } = await agentLayer([a.url, b.url], { concurrency: 3 });
    await callMany(layer, 60);
    for (const server of [a, b]) {
      expect(server.stats().peakInFlight).toBeLessThanOrEqual(3);
      expect(server.stats().peakInFlight).toBeGreaterThan(1);
      expect(server.stats().chatCompletions).toBeGreaterThanOrEqual(20);
    }
    expect(a.stats().chatCompletions + b.stats().chatCompletions).toBe(60);
  });

  it('sends more work to the server that frees its slots sooner', async () => {
    const fast = await simServer({ latencyMs: 5 });
    const slow = await simServer({ latencyMs: 150 });
    const { layer } = await agentLayer([slow.url, fast.url], { concurrency: 2 });
    await callMany(layer, 40);
    expect(fast.stats().chatCompletions).toBeGreaterThan(3 * slow.stats().chatCompletions);
    expect(slow.stats().chatCompletions).toBeGreaterThan(0);
  });

  it('moves a retry to another server when one refuses connections', async () => {
    const up = await simServer();
    const down = await simServer();
    const downUrl = down.url;
    await down.close();
    const { layer } = await agentLayer([downUrl, up.url], { concurrency: 4, maxRetries: 3 });
    const results = await callMany(layer, 8);
    expect(results.every((r) => r.content !== null)).toBe(true);
    expect(up.stats().chatCompletions).toBe(8);
  });
});
