import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchWarnings } from '../helpers/warnings.js';
import { onAbort } from '../../src/llm/on-abort.js';
import { agentLayer, simServer, userMessage } from './helpers.js';

const warnings = watchWarnings();

describe('one signal for every call of a command (the critic passes its interrupt to each call)', () => {
  it('leaves no listener on it after many calls over loopback HTTP, plain, streamed and retried, and prints no warning', async () => {
    const server = await simServer({ faultRate: 0.3, faults: ['500'], seed: 4 });
    const { layer } = await agentLayer(server.url, { maxRetries: 20 }, { cache: false });
    const agent = layer.client('agent');
    const signal = new AbortController().signal;
    for (let i = 0; i < 30; i++) {
      await agent.chat({ messages: userMessage(`question ${i}`), stream: i % 2 === 1 }, { sampleIndex: i, signal });
    }
    await Promise.all(Array.from({ length: 12 }, (_, i) => agent.chat({ messages: userMessage(`together ${i}`) }, { sampleIndex: i, signal })));
    expect(layer.usage().agent.retries).toBeGreaterThan(0);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(await warnings.seen()).toEqual([]);
  });
});

describe('onAbort', () => {
  it('fires each watcher once on abort, at once when already aborted, and never after it stopped watching', () => {
    const controller = new AbortController();
    const fired: string[] = [];
    const note = (name: string) => () => void fired.push(name);
    const stopA = onAbort(controller.signal, note('a'));
    onAbort(controller.signal, note('b'));
    const stopC = onAbort(controller.signal, note('c'));
    stopC();
    stopC(); // stopping twice is harmless
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    stopA();
    expect(fired).toEqual(['a', 'b']);
    onAbort(controller.signal, note('late'));
    expect(fired).toEqual(['a', 'b', 'late']);

    const quiet = new AbortController();
    onAbort(quiet.signal, note('gone'))();
    expect(getEventListeners(quiet.signal, 'abort')).toHaveLength(0);
    quiet.abort();
    expect(fired).toEqual(['a', 'b', 'late']);
  });
});
