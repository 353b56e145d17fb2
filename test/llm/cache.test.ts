import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openModelLayer, ResponseCache } from '../../src/llm/index.js';
import { storeLayout } from '../../src/store/index.js';
import { tempDir } from '../helpers/tmp.js';
import { agentLayer, fastRetry, simServer, userMessage } from './helpers.js';

describe('the response cache', () => {
  it('answers a repeated request from the store without a request to the server', async () => {
    const server = await simServer();
    const { layer } = await agentLayer(server.url);
    const agent = layer.client('agent');
    const fresh = await agent.chat({ messages: userMessage('cache me') }, { sampleIndex: 1 });
    const before = server.stats().chatCompletions;
    const again = await agent.chat({ messages: userMessage('cache me'), stream: true }, { sampleIndex: 1 });
    expect(server.stats().chatCompletions).toBe(before);
    expect(again).toMatchObject({ content: fresh.content, toolCalls: fresh.toolCalls, usage: fresh.usage, cached: true, retries: 0 });
    expect(fresh.cached).toBe(false);
    expect(layer.usage().agent).toMatchObject({ calls: 2, cacheHits: 1, promptTokens: fresh.usage.promptTokens });
  });

  it('counts tokens and their cost for fresh replies only', async () => {
    const server = await simServer();
    const { layer } = await agentLayer(server.url, { pricing: { promptPerMillion: 3, completionPerMillion: 15 } });
    const agent = layer.client('agent');
    const first = await agent.chat({ messages: userMessage('price me') }, { sampleIndex: 0 });
    const second = await agent.chat({ messages: userMessage('price me too') }, { sampleIndex: 0 });
    await agent.chat({ messages: userMessage('price me') }, { sampleIndex: 0 });
    const prompt = first.usage.promptTokens + second.usage.promptTokens;
    const completion = first.usage.completionTokens + second.usage.completionTokens;
    expect(prompt).toBeGreaterThan(0);
    expect(layer.usage().agent).toMatchObject({ calls: 3, cacheHits: 1, promptTokens: prompt, completionTokens: completion });
    expect(layer.usage().agent.cost).toBeCloseTo((prompt * 3 + completion * 15) / 1e6, 12);
    expect(layer.usage().critic).toMatchObject({ calls: 0, cost: 0 });
  });

  it('keeps repeats with different sample indices apart, and replays each exactly', async () => {
    const server = await simServer();
    const { layer, project } = await agentLayer(server.url);
    const agent = layer.client('agent');
    await agent.chat({ messages: userMessage('same') }, { sampleIndex: 0 });
    await agent.chat({ messages: userMessage('same') }, { sampleIndex: 1 });
    expect(server.stats().chatCompletions).toBe(2);
    await layer.close();
    const cache = new ResponseCache(storeLayout(project.storeDir).cacheDb);
    expect(cache.count()).toBe(2);
    cache.close();

    // A fresh layer on the same store (another process, another day) replays both.
    const reopened = await openModelLayer(project, { retryPolicy: fastRetry });
    await reopened.client('agent').chat({ messages: userMessage('same') }, { sampleIndex: 0 });
    await reopened.client('agent').chat({ messages: userMessage('same') }, { sampleIndex: 1 });
    await reopened.close();
    expect(server.stats().chatCompletions).toBe(2);
    expect(reopened.usage().agent.cacheHits).toBe(2);
  });

  it('is bypassed by cache: false, which neither reads nor writes it', async () => {
    const server = await simServer();
    const { layer, project } = await agentLayer(server.url);
    const agent = layer.client('agent');
    await agent.chat({ messages: userMessage('no cache') }, { sampleIndex: 0, cache: false });
    await agent.chat({ messages: userMessage('no cache') }, { sampleIndex: 0, cache: false });
    expect(server.stats().chatCompletions).toBe(2);
    await layer.close();
    const cache = new ResponseCache(storeLayout(project.storeDir).cacheDb);
    expect(cache.count()).toBe(0);
    cache.close();
  });

  it('never stores an error', async () => {
    const server = await simServer({ faultRate: 1, faults: ['500'] });
    const { layer, project } = await agentLayer(server.url, { maxRetries: 1 });
    await expect(layer.client('agent').chat({ messages: userMessage('x') }, { sampleIndex: 0 })).rejects.toMatchObject({ code: 'EMODEL_UNREACHABLE' });
    await expect(layer.client('agent').chat({ messages: userMessage('x'), sampling: { temperature: 9 } }, { sampleIndex: 0 })).rejects.toMatchObject({ code: 'EMODEL_REQUEST' });
    await layer.close();
    const cache = new ResponseCache(storeLayout(project.storeDir).cacheDb);
    expect(cache.count()).toBe(0);
    cache.close();
  });

  it('round-trips long replies through compression', async () => {
    const dir = await tempDir();
    const cache = new ResponseCache(`${dir}/c.sqlite`);
    const long = { content: 'lorem ipsum '.repeat(2000), toolCalls: [], finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 2 } };
    cache.put('ab'.repeat(32), long);
    cache.close();
    const reopened = new ResponseCache(`${dir}/c.sqlite`);
    expect(reopened.get('ab'.repeat(32))).toEqual(long);
    expect(reopened.get('cd'.repeat(32))).toBeUndefined();
    reopened.close();
  });

  it('drops entries it cannot write, tells why, and never fails the caller', async () => {
    const dir = await tempDir();
    const told: unknown[] = [];
    const cache = new ResponseCache(`${dir}/c.sqlite`, { onWriteError: (error) => told.push(error), busyTimeoutMs: 10 });
    // Another process holds the write lock beyond the cache's patience.
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(`${dir}/c.sqlite`);
    other.exec('BEGIN IMMEDIATE');
    const reply = { content: 'x', toolCalls: [], finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 1 } };
    cache.put('ab'.repeat(32), reply);
    expect(() => cache.flush()).not.toThrow();
    expect(told).toHaveLength(1);
    other.exec('ROLLBACK');
    other.close();
    expect(cache.get('ab'.repeat(32))).toBeUndefined();
    cache.close();
  });

  it('refuses a damaged cache file with ESTORE naming it', async () => {
    const project = { cacheDb: storeLayout(await tempDir()).cacheDb };
    await mkdir(dirname(project.cacheDb), { recursive: true });
    await writeFile(project.cacheDb, 'this is not a database, it is a text file that is long enough to matter'.repeat(100));
    expect(() => new ResponseCache(project.cacheDb)).toThrow(expect.objectContaining({ code: 'ESTORE', message: expect.stringContaining(project.cacheDb) }));
  });
});
