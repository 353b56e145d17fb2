import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { synthesizeCandidate } from '../../src/synthesis/index.js';
import { goodPatch, memoryBlueprint } from '../synthesis/fixtures.js';
import { agentLayer, userMessage } from './helpers.js';
import { rawServer, sendJson } from './raw-server.js';

const MB = 1024 * 1024;
const intent = { targets: ['missing-required-step'], summary: 'Look the order up first.', expectedFixes: ['o1'] };

function completion(content: string) {
  return { id: 'c', object: 'chat.completion', created: 0, model: 'any', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
}

/** 50 MB of reply written in 1 MB pieces without a Content-Length (chunked), as a server streaming a runaway answer would. */
function sendHuge(res: ServerResponse, kind: 'json' | 'events'): void {
  res.writeHead(200, { 'content-type': kind === 'json' ? 'application/json' : 'text/event-stream' });
  const piece = 'x'.repeat(MB);
  if (kind === 'json') res.write('{"id":"c","object":"chat.completion","created":0,"model":"any","choices":[{"index":0,"message":{"role":"assistant","content":"');
  let sent = 0;
  const more = () => {
    while (sent < 50) {
      sent++;
      const chunk = kind === 'json' ? piece : `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: piece } }] })}\n\n`;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end(kind === 'json' ? '"},"finish_reason":"stop"}]}' : 'data: [DONE]\n\n');
  };
  res.on('error', () => undefined);
  more();
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isAgentdevelError(error)) throw new Error(`expected a coded error, got ${String(error)}`);
  return error;
}

describe('replies larger than endpoints.<role>.maxReplyBytes', () => {
  it.each(['json', 'events'] as const)('stops reading a 50 MB %s reply at the limit and fails with EMODEL_REPLY, without retrying', async (kind) => {
    const { url, received } = await rawServer((_request, res) => sendHuge(res, kind));
    const { layer } = await agentLayer(url, { maxReplyBytes: MB }, { cache: false });
    const error = await failureOf(layer.client('agent').chat({ messages: userMessage('hi'), stream: kind === 'events' }, { sampleIndex: 0 }));
    expect(error.code).toBe('EMODEL_REPLY');
    expect(error.message).toContain(`larger than ${MB} bytes`);
    expect(error.data).toMatchObject({ kind: 'oversize' });
    expect(received).toHaveLength(1);
  });

  it('refuses a reply whose Content-Length is over the limit before reading its body', async () => {
    const { url } = await rawServer((_request, res) => sendJson(res, 200, completion('y'.repeat(2 * MB))));
    const { layer } = await agentLayer(url, { maxReplyBytes: MB }, { cache: false });
    const error = await failureOf(layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0 }));
    expect(error.code).toBe('EMODEL_REPLY');
    expect(error.data).toMatchObject({ kind: 'oversize' });
  });

  it('reads a reply under the limit as before', async () => {
    const { url } = await rawServer((_request, res) => sendJson(res, 200, completion('z'.repeat(MB / 2))));
    const { layer } = await agentLayer(url, { maxReplyBytes: MB }, { cache: false });
    const result = await layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0 });
    expect(result.content).toHaveLength(MB / 2);
  });

  it("counts an engineer's oversize reply as a refused attempt (oversize) and takes the next one", async () => {
    const { url, received } = await rawServer((_request, res, index) => (index === 0 ? sendHuge(res, 'json') : sendJson(res, 200, completion(JSON.stringify({ patch: goodPatch(), intent })))));
    const { layer } = await agentLayer(url, {}, { cache: false });
    // Every role is on this server; the engineer keeps the default limit (8 MiB).
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec: 'Target: missing-required-step\n', exemplars: [], client: layer.client('engineer'), limits: { maxAttempts: 2, maxPatchBytes: 65536 } });
    expect(result.attempts.map((a) => [a.ok, a.reason])).toEqual([
      [false, 'oversize'],
      [true, undefined],
    ]);
    // The retry request tells the engineer why, in a few hundred bytes.
    expect(JSON.stringify(received[1]!.body.messages).length - JSON.stringify(received[0]!.body.messages).length).toBeLessThan(2_000);
  });
});
