import { describe, expect, it } from 'vitest';
import { AgentdevelError } from '../../src/core/errors.js';
import { agentLayer, simServer, userMessage } from './helpers.js';
import { rawServer } from './raw-server.js';

const calls = 24;

async function callMany(layer: Awaited<ReturnType<typeof agentLayer>>['layer'], stream = false) {
  const agent = layer.client('agent');
  return Promise.all(Array.from({ length: calls }, (_, i) => agent.chat({ messages: userMessage(`question ${i}`), stream }, { sampleIndex: i })));
}

describe('retries against injected faults', () => {
  it('retries every injected 429 and counts each retry', async () => {
    const server = await simServer({ faultRate: 0.4, faults: ['429'], retryAfterMs: 20, seed: 3 });
    const { layer } = await agentLayer(server.url, { maxRetries: 20 });
    const results = await callMany(layer);
    const faults = server.stats().faults['429'] ?? 0;
    expect(faults).toBeGreaterThan(0);
    expect(results.reduce((sum, r) => sum + r.retries, 0)).toBe(faults);
    expect(layer.usage().agent).toMatchObject({ calls, retries: faults, failures: 0 });
    expect(server.stats().chatCompletions).toBe(calls + faults);
  });

  it('retries every injected 500, plain and streamed', async () => {
    const server = await simServer({ faultRate: 0.4, faults: ['500'], seed: 5 });
    const { layer } = await agentLayer(server.url, { maxRetries: 20 }, { cache: false });
    await callMany(layer);
    await callMany(layer, true);
    const faults = server.stats().faults['500'] ?? 0;
    expect(faults).toBeGreaterThan(0);
    expect(server.stats().byStatus['500']).toBe(faults);
    expect(layer.usage().agent).toMatchObject({ calls: 2 * calls, retries: faults, failures: 0 });
  });

  it('retries malformed bodies and cut streams until a whole reply arrives', async () => {
    const server = await simServer({ faultRate: 0.4, faults: ['malformed', 'cut-stream'], seed: 7 });
    const { layer } = await agentLayer(server.url, { maxRetries: 20 }, { cache: false });
    const plain = await callMany(layer);
    const streamed = await callMany(layer, true);
    const faults = (server.stats().faults.malformed ?? 0) + (server.stats().faults['cut-stream'] ?? 0);
    expect(faults).toBeGreaterThan(0);
    expect(layer.usage().agent.retries).toBe(faults);
    expect(streamed.map((r) => r.content)).toEqual(plain.map((r) => r.content));
  });

  it('gives up after the retry budget with EMODEL_UNREACHABLE, never EMODEL_REQUEST', async () => {
    const server = await simServer({ faultRate: 1, faults: ['500'] });
    const { layer } = await agentLayer(server.url, { maxRetries: 3 });
    const error = await layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentdevelError);
    expect(error).toMatchObject({ code: 'EMODEL_UNREACHABLE', exitCode: 3, data: { attempts: 4, status: 500 } });
    expect((error as Error).message).toMatch(/after 4 attempts/);
    expect(server.stats().chatCompletions).toBe(4);
    expect(layer.usage().agent).toMatchObject({ calls: 0, retries: 3, failures: 1 });
  });

  it('does not retry a 400 and reports EMODEL_REQUEST', async () => {
    const server = await simServer();
    const { layer } = await agentLayer(server.url, { maxRetries: 5 });
    const error = await layer
      .client('agent')
      .chat({ messages: userMessage('hi'), sampling: { temperature: 7 } }, { sampleIndex: 0 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMODEL_REQUEST', exitCode: 2, data: { status: 400, attempts: 1 } });
    expect(server.stats().chatCompletions).toBe(1);
    expect(layer.usage().agent).toMatchObject({ retries: 0, failures: 1 });
  });

  it('times out a hanging server on every attempt and reports EMODEL_UNREACHABLE', async () => {
    const server = await simServer({ faultRate: 1, faults: ['hang'] });
    const { layer } = await agentLayer(server.url, { maxRetries: 2, timeoutMs: 150 });
    for (const stream of [false, true]) {
      const error = await layer.client('agent').chat({ messages: userMessage('hi'), stream }, { sampleIndex: 0 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'EMODEL_UNREACHABLE', data: { kind: 'timeout', attempts: 3 } });
    }
    expect(server.stats().chatCompletions).toBe(6);
  });

  it('times out a reply that stalls after its headers, plain or streamed', async () => {
    const server = await rawServer((request, res) => {
      res.writeHead(200, { 'content-type': request.body.stream ? 'text/event-stream' : 'application/json' });
      res.write(request.body.stream ? 'data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]}\n\n' : '{"choices":[');
    });
    const { layer } = await agentLayer(server.url, { maxRetries: 1, timeoutMs: 200 });
    for (const stream of [false, true]) {
      const error = await layer.client('agent').chat({ messages: userMessage('hi'), stream }, { sampleIndex: 0 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'EMODEL_UNREACHABLE', data: { kind: 'timeout', attempts: 2 } });
    }
    expect(server.received).toHaveLength(4);
  });

  it('reports a refused connection as EMODEL_UNREACHABLE after retrying', async () => {
    const server = await simServer();
    const url = server.url;
    await server.close();
    const { layer } = await agentLayer(url, { maxRetries: 2 });
    const error = await layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMODEL_UNREACHABLE', data: { kind: 'connection', attempts: 3 } });
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const server = await simServer({ faultRate: 1, faults: ['hang'] });
    const { layer } = await agentLayer(server.url, { maxRetries: 5, timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EINTERRUPTED' });
    expect(layer.usage().agent.retries).toBe(0);
  });
});
