import { describe, expect, it } from 'vitest';
import { parseJsonReply } from '../../src/llm/index.js';
import { agentLayer, userMessage } from './helpers.js';
import { rawServer, sendEvents, sendJson } from './raw-server.js';

/** Reply shapes seen from llama.cpp's server (release b8291), replayed byte for byte over HTTP. */

const meta = { created: 1_760_000_000, id: 'chatcmpl-q1', model: 'gpt-3.5-turbo', system_fingerprint: 'b8291-abc', object: 'chat.completion' };
const timings = { prompt_n: 41, prompt_ms: 12.5, predicted_n: 9, predicted_ms: 80.1, predicted_per_second: 112.3 };
const usage = { completion_tokens: 9, prompt_tokens: 41, total_tokens: 50 };
const schemaFormat = { type: 'json_schema' as const, json_schema: { name: 'verdict', schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } } };

function completion(message: Record<string, unknown>, finish: string) {
  return { ...meta, choices: [{ finish_reason: finish, index: 0, message: { role: 'assistant', ...message } }], usage, timings };
}

function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return { ...meta, object: 'chat.completion.chunk', choices: [{ finish_reason: finish, index: 0, delta }] };
}

describe('llama.cpp reply quirks', () => {
  it('reads a tool call sent with content "" and extra fields, and keeps the configured model name', async () => {
    const call = { type: 'function', function: { name: 'lookup', arguments: '{"city":"Paris"}' }, id: 'nWq8' };
    const server = await rawServer((_, res) => sendJson(res, 200, completion({ content: '', tool_calls: [call] }, 'tool_calls')));
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('weather?') }, { sampleIndex: 0 });
    expect(result).toMatchObject({ content: null, finishReason: 'tool_calls', model: 'sim-agent', usage: { promptTokens: 41, completionTokens: 9 } });
    expect(result.toolCalls).toEqual([{ id: 'nWq8', name: 'lookup', arguments: '{"city":"Paris"}' }]);
  });

  it('accepts tool-call arguments sent as an object and a call without an id', async () => {
    const call = { function: { name: 'lookup', arguments: { city: 'Oslo' } } };
    const server = await rawServer((_, res) => sendJson(res, 200, completion({ content: null, tool_calls: [call] }, 'tool_calls')));
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('weather?') }, { sampleIndex: 0 });
    expect(result.toolCalls).toEqual([{ id: 'call_0', name: 'lookup', arguments: '{"city":"Oslo"}' }]);
  });

  it('trims the trailing whitespace of a grammar-constrained JSON reply', async () => {
    const server = await rawServer((_, res) => sendJson(res, 200, completion({ content: '{"ok": true}\n\n   \n' }, 'stop')));
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('judge'), responseFormat: schemaFormat }, { sampleIndex: 0 });
    expect(result.content).toBe('{"ok": true}');
    expect(parseJsonReply(result)).toEqual({ ok: true });
  });

  it('returns a reply cut at max_tokens as is, and parsing its JSON names the cause', async () => {
    const server = await rawServer((_, res) => sendJson(res, 200, completion({ content: '{"ok": tr' }, 'length')));
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('judge'), responseFormat: schemaFormat }, { sampleIndex: 0 });
    expect(result.finishReason).toBe('length');
    expect(() => parseJsonReply(result)).toThrow(expect.objectContaining({ code: 'EMODEL_REPLY', message: expect.stringMatching(/cut at max_tokens/) }));
  });

  it('says that a prompt longer than the context (HTTP 400 exceed_context_size_error) does not fit the context window', async () => {
    const error = { code: 400, message: 'request (18113 tokens) exceeds the available context size (2048 tokens), try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: 18113, n_ctx: 2048 };
    const server = await rawServer((_, res) => sendJson(res, 400, { error }));
    const { layer } = await agentLayer(server.url);
    const refused = await layer.client('agent').chat({ messages: userMessage('a long story') }, { sampleIndex: 0 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'EMODEL_REQUEST', message: expect.stringContaining('exceeds the available context size'), details: expect.stringContaining("context window") });
    expect((refused as { details: string }).details).toContain('endpoints.agent.contextTokens');
  });

  it('assembles a stream: role first with content null, usage only when asked for, then [DONE]', async () => {
    const server = await rawServer((request, res) => {
      const chunks: unknown[] = [chunk({ role: 'assistant', content: null }), chunk({ content: 'Hel' }), chunk({ content: 'lo.' }), { ...chunk({}, 'stop'), timings }];
      const options = request.body.stream_options as { include_usage?: boolean } | undefined;
      if (options?.include_usage) chunks.push({ ...meta, object: 'chat.completion.chunk', choices: [], usage, timings });
      sendEvents(res, chunks);
    });
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('hi'), stream: true }, { sampleIndex: 0 });
    expect(result).toMatchObject({ content: 'Hello.', toolCalls: [], finishReason: 'stop', usage: { promptTokens: 41, completionTokens: 9 } });
  });

  it('assembles a streamed tool call sent in pieces', async () => {
    const server = await rawServer((_, res) =>
      sendEvents(res, [
        chunk({ role: 'assistant', content: null }),
        chunk({ tool_calls: [{ index: 0, id: 'k1', type: 'function', function: { name: 'lookup', arguments: '{"ci' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Rome"}' } }] }),
        chunk({}, 'tool_calls'),
      ]),
    );
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('weather?'), stream: true }, { sampleIndex: 0 });
    expect(result).toMatchObject({ content: null, finishReason: 'tool_calls', toolCalls: [{ id: 'k1', name: 'lookup', arguments: '{"city":"Rome"}' }] });
  });

  it('retries a 500 that a malformed body can bring (llama.cpp answers some bad requests that way)', async () => {
    const server = await rawServer((_, res, index) =>
      index === 0 ? sendJson(res, 500, { error: { code: 500, message: 'json parse error', type: 'server_error' } }) : sendJson(res, 200, completion({ content: 'fine' }, 'stop')),
    );
    const { layer } = await agentLayer(server.url);
    const result = await layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0 });
    expect(result).toMatchObject({ content: 'fine', retries: 1 });
  });

  it('reports a reply that is not a completion as EMODEL_REPLY, after retrying it', async () => {
    const server = await rawServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    const { layer } = await agentLayer(server.url, { maxRetries: 1 });
    const error = await layer.client('agent').chat({ messages: userMessage('hi') }, { sampleIndex: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMODEL_REPLY', data: { attempts: 2 } });
    expect(server.received).toHaveLength(2);
  });
});
