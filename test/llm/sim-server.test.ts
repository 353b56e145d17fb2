import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '../../src/llm/sim/index.js';
import type { SimResponder } from '../../src/llm/sim/types.js';
import { expectConforms, loadOpenApiValidators, type ReplySchema } from './sim-server-openapi.js';
import { call, chat, sseData, user } from './sim-server-http.js';

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string', minLength: 2 }, days: { type: 'integer', minimum: 1, maximum: 7 } }, required: ['city', 'days'] },
  },
};

const verdictSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    verdict: { enum: ['pass', 'fail'] },
    labels: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 2, uniqueItems: true },
    score: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    note: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/note' }] },
  },
  required: ['verdict', 'labels', 'score', 'note'],
  additionalProperties: false,
  $defs: { note: { type: 'object', properties: { text: { type: 'string', maxLength: 5 } }, required: ['text'] } },
};
const jsonSchemaFormat = { type: 'json_schema', json_schema: { name: 'verdict', schema: verdictSchema, strict: true } };

/** Answers what the test put in the last user message: "say:<text>", "schema:<json>" (content as given). */
const scripted: SimResponder = {
  respond(request) {
    const last = request.messages[request.messages.length - 1];
    const text = typeof last?.content === 'string' ? last.content : '';
    if (text.startsWith('say:') || text.startsWith('schema:')) return { content: text.slice(text.indexOf(':') + 1), toolCalls: [] };
    if (text === 'two tools') return { content: null, toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo","days":1}' }, { name: 'get_weather', arguments: '{"city":"Rome","days":2}' }], finishReason: 'tool_calls' };
    if (text === 'throw') throw new Error('world exploded');
    return { content: null, toolCalls: [] };
  },
};

let server: SimServer;
let validators: ReturnType<typeof loadOpenApiValidators>;
const conforms = (name: ReplySchema, value: unknown) => expectConforms(validators, name, value);

beforeAll(async () => {
  validators = loadOpenApiValidators();
  server = await startSimServer({ responder: scripted, seed: 7, maxBodyBytes: 64 * 1024, models: ['my-model'] });
});
afterAll(() => server.close());

describe('replies conform to the OpenAI API specification', () => {
  it('has validators that refuse what the specification refuses', () => {
    const body = { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'hi', refusal: null } }] };
    expect(() => conforms('CreateChatCompletionResponse', body)).toThrow(/logprobs/);
    expect(() => conforms('ErrorResponse', { error: { message: 'm', type: 't' } })).toThrow(/param/);
    expect(() => conforms('CreateChatCompletionStreamResponse', { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'done' }] })).toThrow(/finish_reason/);
  });

  it('lists the simulated models, those configured and those requested', async () => {
    await chat(server.url, { model: 'requested-model', messages: [user('say:hi')] });
    const reply = await call(`${server.url}/models`);
    expect(reply.status).toBe(200);
    conforms('ListModelsResponse', reply.json);
    const ids = (reply.json as { data: Array<{ id: string }> }).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['sim-agent', 'sim-critic', 'sim-engineer', 'my-model', 'requested-model']));
    const one = await call(`${server.url}/models/sim-critic`);
    conforms('Model', one.json);
    const missing = await call(`${server.url}/models/nope`);
    expect(missing.status).toBe(404);
    conforms('ErrorResponse', missing.json);
  });

  it('answers a plain completion with usage', async () => {
    const reply = await chat(server.url, { messages: [{ role: 'system', content: 'be brief' }, user('say:hello world')] });
    expect(reply.status).toBe(200);
    conforms('CreateChatCompletionResponse', reply.json);
    const body = reply.json as { choices: Array<{ message: { content: string }; finish_reason: string }>; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }; model: string };
    expect(body.choices[0]!.message.content).toBe('hello world');
    expect(body.choices[0]!.finish_reason).toBe('stop');
    expect(body.model).toBe('sim-agent');
    expect(body.usage.completion_tokens).toBe(3);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + 3);
  });

  it('streams role, content pieces, the finish and usage chunks, then [DONE]', async () => {
    const text = 'a streamed reply long enough to be cut into several pieces';
    const reply = await chat(server.url, { messages: [user(`say:${text}`)], stream: true, stream_options: { include_usage: true } });
    expect(reply.headers.get('content-type')).toBe('text/event-stream');
    const events = sseData(reply.text);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as Array<Record<string, any>>;
    for (const chunk of chunks) conforms('CreateChatCompletionStreamResponse', chunk);
    expect(chunks[0]!.choices[0].delta.role).toBe('assistant');
    expect(chunks.length).toBeGreaterThan(4);
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe(text);
    const finish = chunks.at(-2)!;
    expect(finish.choices[0].finish_reason).toBe('stop');
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage.completion_tokens).toBe(Math.ceil(text.length / 4));
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('streams no usage chunk unless asked', async () => {
    const events = sseData((await chat(server.url, { messages: [user('say:x')], stream: true })).text);
    const chunks = events.slice(0, -1) as Array<Record<string, any>>;
    expect(chunks.every((c) => !('usage' in c) && c.choices.length === 1)).toBe(true);
  });

  it('returns tool calls with ids, names and JSON arguments, plain and streamed', async () => {
    const plain = await chat(server.url, { messages: [user('two tools')], tools: [weather] });
    conforms('CreateChatCompletionResponse', plain.json);
    const message = (plain.json as any).choices[0].message;
    expect((plain.json as any).choices[0].finish_reason).toBe('tool_calls');
    expect(message.tool_calls.map((c: any) => [c.type, c.function.name, JSON.parse(c.function.arguments).city])).toEqual([
      ['function', 'get_weather', 'Oslo'],
      ['function', 'get_weather', 'Rome'],
    ]);
    expect(new Set(message.tool_calls.map((c: any) => c.id)).size).toBe(2);

    const streamed = sseData((await chat(server.url, { messages: [user('two tools')], tools: [weather], stream: true })).text);
    const chunks = streamed.slice(0, -1) as Array<Record<string, any>>;
    for (const chunk of chunks) conforms('CreateChatCompletionStreamResponse', chunk);
    const assembled: Array<{ id?: string; name?: string; arguments: string }> = [];
    for (const chunk of chunks) {
      for (const part of chunk.choices[0]?.delta.tool_calls ?? []) {
        const slot = (assembled[part.index] ??= { arguments: '' });
        if (part.id) slot.id = part.id;
        if (part.function?.name) slot.name = part.function.name;
        slot.arguments += part.function?.arguments ?? '';
      }
    }
    expect(assembled.map((c) => [c.name, c.arguments])).toEqual(message.tool_calls.map((c: any) => [c.function.name, c.function.arguments]));
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('tool_calls');
  });

  it('holds the reply to tool_choice: required forces a call with conforming arguments, none drops calls', async () => {
    const forced = await chat(server.url, { messages: [user('say:no call')], tools: [weather], tool_choice: 'required' });
    conforms('CreateChatCompletionResponse', forced.json);
    expect((forced.json as any).choices[0].finish_reason).toBe('tool_calls');
    const args = JSON.parse((forced.json as any).choices[0].message.tool_calls[0].function.arguments);
    expect(typeof args.city).toBe('string');
    expect(args.city.length).toBeGreaterThanOrEqual(2);
    expect(args.days).toBeGreaterThanOrEqual(1);
    const named = await chat(server.url, { messages: [user('say:x')], tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    expect((named.json as any).choices[0].message.tool_calls[0].function.name).toBe('get_weather');
    const none = await chat(server.url, { messages: [user('two tools')], tools: [weather], tool_choice: 'none' });
    conforms('CreateChatCompletionResponse', none.json);
    expect((none.json as any).choices[0].message.tool_calls).toBeUndefined();
    expect((none.json as any).choices[0].finish_reason).toBe('stop');
  });

  it('generates a conforming instance when the responder has no content for a JSON schema', async () => {
    for (const stream of [false, true]) {
      const reply = await chat(server.url, { messages: [user('nothing')], response_format: jsonSchemaFormat, stream });
      const content = stream
        ? (sseData(reply.text).slice(0, -1) as Array<Record<string, any>>).map((c) => c.choices[0]?.delta.content ?? '').join('')
        : (reply.json as any).choices[0].message.content;
      if (!stream) conforms('CreateChatCompletionResponse', reply.json);
      const value = JSON.parse(content);
      expect(value.verdict).toBe('pass');
      expect(value.labels).toHaveLength(2);
      expect(new Set(value.labels).size).toBe(2);
      expect(value.score).toBeGreaterThan(0);
      expect(value.note.text.length).toBeLessThanOrEqual(5);
    }
  });

  it("passes a conforming reply through and refuses (500) one that breaks the schema", async () => {
    const good = JSON.stringify({ verdict: 'fail', labels: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'], score: 0.5, note: null });
    const ok = await chat(server.url, { messages: [user(`schema:${good}`)], response_format: jsonSchemaFormat });
    expect((ok.json as any).choices[0].message.content).toBe(good);
    const bad = await chat(server.url, { messages: [user('schema:{"verdict":"maybe"}')], response_format: jsonSchemaFormat });
    expect(bad.status).toBe(500);
    conforms('ErrorResponse', bad.json);
    expect((bad.json as any).error.message).toMatch(/does not conform to the response_format schema/);
  });

  it('cuts a reply over max_tokens and says "length"', async () => {
    const reply = await chat(server.url, { messages: [user(`say:${'word '.repeat(40)}`)], max_tokens: 5 });
    conforms('CreateChatCompletionResponse', reply.json);
    expect((reply.json as any).choices[0].finish_reason).toBe('length');
    expect((reply.json as any).choices[0].message.content).toHaveLength(20);
  });

  it('answers {} for json_object with no content, and a responder failure as a 500', async () => {
    const obj = await chat(server.url, { messages: [user('nothing')], response_format: { type: 'json_object' } });
    expect((obj.json as any).choices[0].message.content).toBe('{}');
    const failed = await chat(server.url, { messages: [user('throw')] });
    expect(failed.status).toBe(500);
    conforms('ErrorResponse', failed.json);
    expect((failed.json as any).error.message).toContain('world exploded');
  });

  const badRequests: Array<[string, Record<string, unknown> | string, string | null, RegExp]> = [
    ['bad JSON', '{"model": "sim-agent", "messages": [', null, /not valid JSON/],
    ['a body that is not an object', '[1, 2]', null, /must be a JSON object/],
    ['no model', { messages: [user('x')] }, 'model', /Missing required parameter: 'model'/],
    ['no messages', { model: 'm' }, 'messages', /Missing required parameter/],
    ['empty messages', { model: 'm', messages: [] }, 'messages', /at least one message/],
    ['an unknown role', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', /expected one of/],
    ['a user message without content', { model: 'm', messages: [{ role: 'user' }] }, 'messages[0].content', /Missing required/],
    ['a tool message answering no call', { model: 'm', messages: [user('x'), { role: 'tool', tool_call_id: 'call_1', content: 'r' }] }, 'messages[1].tool_call_id', /no open call/],
    ['an unanswered tool call', { model: 'm', messages: [user('x'), { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, user('y')] }, 'messages[2]', /must each be followed/],
    ['an unknown tool_choice', { model: 'm', messages: [user('x')], tools: [weather], tool_choice: 'sometimes' }, 'tool_choice', /expected one of/],
    ['tool_choice without tools', { model: 'm', messages: [user('x')], tool_choice: 'required' }, 'tool_choice', /only allowed when 'tools'/],
    ['a named tool_choice not in tools', { model: 'm', messages: [user('x')], tools: [weather], tool_choice: { type: 'function', function: { name: 'other' } } }, 'tool_choice.function.name', /no tool named 'other'/],
    ['duplicate tool names', { model: 'm', messages: [user('x')], tools: [weather, weather] }, 'tools[1].function.name', /Duplicate tool name/],
    ['stream_options without stream', { model: 'm', messages: [user('x')], stream_options: { include_usage: true } }, 'stream_options', /only allowed when 'stream'/],
    ['an invalid schema', { model: 'm', messages: [user('x')], response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object', properties: { a: { type: 'strnig' } } } } } }, 'response_format.json_schema.schema', /Invalid schema/],
    ['n > 1', { model: 'm', messages: [user('x')], n: 2 }, 'n', /n must be 1/],
    ['temperature out of range', { model: 'm', messages: [user('x')], temperature: 3 }, 'temperature', /Invalid 'temperature'/],
  ];
  it.each(badRequests)('refuses %s with 400 naming the parameter', async (_name, body, param, message) => {
    const reply = await call(`${server.url}/chat/completions`, typeof body === 'string' ? { raw: body } : { body });
    expect(reply.status).toBe(400);
    conforms('ErrorResponse', reply.json);
    const error = (reply.json as any).error;
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  it('answers unknown routes with 404, a wrong method with 405 and Allow, an oversized body with 413', async () => {
    const notFound = await call(`${server.url}/completions`, { body: {} });
    expect(notFound.status).toBe(404);
    conforms('ErrorResponse', notFound.json);
    const wrongMethod = await call(`${server.url}/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    conforms('ErrorResponse', wrongMethod.json);
    const tooBig = await chat(server.url, { messages: [user('x'.repeat(70 * 1024))] });
    expect(tooBig.status).toBe(413);
    conforms('ErrorResponse', tooBig.json);
    expect((tooBig.json as any).error.code).toBe('request_too_large');
  });

  it('counts what it served', () => {
    const stats = server.stats();
    expect(stats.requests).toBeGreaterThan(20);
    expect(stats.byStatus['400']).toBe(badRequests.length);
    expect(stats.byStatus['413']).toBe(1);
  });
});

describe('the openai package as a client', () => {
  it('reads plain, streamed and tool-calling replies of the default echo responder', async () => {
    const echo = await startSimServer();
    try {
      const client = new OpenAI({ baseURL: echo.url, apiKey: 'unused', maxRetries: 0 });
      const plain = await client.chat.completions.create({ model: 'sim-agent', messages: [{ role: 'user', content: 'ping' }] });
      expect(plain.choices[0]!.message.content).toBe('echo: ping');
      const stream = await client.chat.completions.create({ model: 'sim-agent', messages: [{ role: 'user', content: 'ping' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('echo: ping');
      const first = await client.chat.completions.create({ model: 'sim-agent', messages: [{ role: 'user', content: 'weather?' }], tools: [weather as OpenAI.Chat.Completions.ChatCompletionTool] });
      const toolCall = first.choices[0]!.message.tool_calls![0]!;
      const second = await client.chat.completions.create({
        model: 'sim-agent',
        messages: [{ role: 'user', content: 'weather?' }, first.choices[0]!.message, { role: 'tool', tool_call_id: toolCall.id, content: 'sunny' }],
        tools: [weather as OpenAI.Chat.Completions.ChatCompletionTool],
      });
      expect(second.choices[0]!.message.content).toBe('echo: sunny');
      // The SDK's own stream assembly gives back the tool call and usage of the plain reply.
      const streamed = await client.chat.completions
        .stream({ model: 'sim-agent', messages: [{ role: 'user', content: 'weather?' }], tools: [weather as OpenAI.Chat.Completions.ChatCompletionTool], stream_options: { include_usage: true } })
        .finalChatCompletion();
      const streamedCall = streamed.choices[0]!.message.tool_calls![0]! as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
      expect(streamedCall.id).toMatch(/^call_/);
      expect(streamedCall.function).toEqual((toolCall as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall).function);
      expect(streamed.usage).toEqual(first.usage);
    } finally {
      await echo.close();
    }
  });
});
