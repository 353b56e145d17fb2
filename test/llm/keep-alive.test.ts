import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MS } from '../../src/llm/sim/server.js';
import { agentLayer, simServer, userMessage } from './helpers.js';
import { rawServer, sendJson } from './raw-server.js';

/**
 * Node's default keepAliveTimeout; a server so set closes an idle socket about 6 s in (Node adds
 * a second). Clients that keep theirs longer (urllib3 and Go's transport: 90 s or more) race it.
 */
const NODE_DEFAULT_KEEP_ALIVE_MS = 5_000;
const NODE_CLOSES_AFTER_MS = NODE_DEFAULT_KEEP_ALIVE_MS + 1_000;

/** Sends one raw HTTP/1.1 request on `socket` and resolves with the response head and body, or rejects when the socket closes first. */
function request(socket: Socket, path: string): Promise<string> {
  if (socket.destroyed) return Promise.reject(new Error('the server closed the connection while it was idle'));
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) done(() => resolve(text));
    };
    const onClose = () => done(() => reject(new Error(`the server closed the connection (received: ${JSON.stringify(text)})`)));
    const onError = (error: Error) => done(() => reject(error));
    const done = (settle: () => void) => {
      socket.off('data', onData).off('close', onClose).off('error', onError);
      settle();
    };
    socket.on('data', onData).on('close', onClose).on('error', onError);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('keep-alive of the simulated server', () => {
  it('keeps an idle connection open past the point where a server on Node\'s default closes it, and says so in Keep-Alive', async () => {
    expect(KEEP_ALIVE_MS).toBeGreaterThan(NODE_DEFAULT_KEEP_ALIVE_MS + 10_000);
    const server = await simServer();
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    try {
      const first = await request(socket, '/health');
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      expect(first).toMatch(new RegExp(`keep-alive: timeout=${KEEP_ALIVE_MS / 1000}`, 'i'));
      // A client that keeps its socket longer sends on it after a server on the default closed it.
      await sleep(NODE_CLOSES_AFTER_MS + 500);
      expect(await request(socket, '/health')).toMatch(/^HTTP\/1\.1 200/);
      expect(server.stats().requests).toBe(2);
    } finally {
      socket.destroy();
    }
  });

  it('a kept-alive socket that the server closes under a request is retried on a fresh one', async () => {
    // The race itself, made certain: the server drops the connection as the second request arrives.
    const server = await rawServer((request, res, index) => {
      if (index === 1) return void res.socket?.destroy();
      sendJson(res, 200, { id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: `reply ${index}` }, finish_reason: 'stop' }] });
    });
    const { layer } = await agentLayer(server.url, { maxRetries: 2 }, { cache: false });
    const agent = layer.client('agent');
    expect((await agent.chat({ messages: userMessage('one') }, { sampleIndex: 0 })).content).toBe('reply 0');
    const second = await agent.chat({ messages: userMessage('two') }, { sampleIndex: 0 });
    expect(second).toMatchObject({ content: 'reply 2', retries: 1 });
    expect(server.received).toHaveLength(3);
  });
});
