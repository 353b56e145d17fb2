import OpenAI from 'openai';
import { afterEach, describe, expect, test } from 'vitest';
import { RecordingProxy } from '../../src/agent/command/proxy/server.js';
import { EpisodeTrace } from '../../src/agent/trace.js';
import { deskWorld, type DeskWorld } from './fixture.js';

/** The recording proxy spoken to by the openai SDK, as a program using it would. */
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function open(world: DeskWorld, id = 'where-is-a17') {
  proxy = await RecordingProxy.start(world.models.client('agent'));
  const trace = new EpisodeTrace();
  const episode = { trace, sampleIndex: 0, signal: new AbortController().signal, example: world.example(world.desk, id), tools: world.desk.tools, sampling: undefined, observationLimit: 16_000 };
  const opened = proxy.open(episode);
  const sdk = new OpenAI({ baseURL: opened.baseURL, apiKey: opened.token, maxRetries: 0 });
  return { trace, opened, sdk, episode };
}

const tools = [{ type: 'function' as const, function: { name: 'lookup_order', parameters: { type: 'object', properties: { order_id: { type: 'string' } } } } }];

describe('recording proxy', () => {
  test('chat completions, plain and streamed, recorded with usage', async () => {
    const world = await deskWorld();
    const { trace, sdk } = await open(world);
    const messages = [{ role: 'user' as const, content: 'Where is order A17 and when will it arrive?' }];

    const reply = await sdk.chat.completions.create({ model: 'whatever', messages, tools });
    expect(reply.object).toBe('chat.completion');
    expect(reply.model).toBe('sim-agent');
    expect(reply.choices[0]?.finish_reason).toBe('tool_calls');
    const call = reply.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({ name: 'lookup_order', arguments: '{"order_id":"A17"}' });
    expect(reply.usage?.total_tokens).toBe((reply.usage?.prompt_tokens ?? 0) + (reply.usage?.completion_tokens ?? 0));

    const stream = await sdk.chat.completions.create({ model: 'whatever', messages, tools, stream: true, stream_options: { include_usage: true } });
    const parts: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      for (const c of chunk.choices[0]?.delta.tool_calls ?? []) parts.push(`${c.function?.name}:${c.function?.arguments}`);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(parts).toEqual(['lookup_order:{"order_id":"A17"}']);
    expect(usage?.prompt_tokens).toBe(reply.usage?.prompt_tokens);

    expect(trace.events.map((e) => e.type)).toEqual(['llm_call', 'tool_call', 'llm_call', 'tool_call']);
    expect(trace.usage).toMatchObject({ calls: 2, promptTokens: 2 * (reply.usage?.prompt_tokens ?? 0) });
  });

  test('models, bad requests and unknown paths answer in OpenAI’s error shape', async () => {
    const world = await deskWorld();
    const { sdk, opened, trace } = await open(world);
    const models = await sdk.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['sim-agent']);

    await expect(sdk.chat.completions.create({ model: 'm', messages: [] })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('messages') });
    await expect(sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], n: 2 })).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter' });
    const raw = await fetch(`${opened.baseURL}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: { message: 'request body is not valid JSON', type: 'invalid_request_error', param: null, code: null } });
    const embeddings = await fetch(`${opened.baseURL}/embeddings`, { method: 'POST', body: '{}' });
    expect(embeddings.status).toBe(404);
    expect(trace.usage.calls).toBe(0);

    opened.close();
    await expect(sdk.models.list()).rejects.toMatchObject({ status: 404, code: 'unknown_token' });
  });

  test('the tools endpoint runs suite tools and records them', async () => {
    const world = await deskWorld();
    const { opened, trace } = await open(world);
    const call = (name: string, body: unknown) => fetch(`${opened.toolsURL}/${name}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await call('lookup_order', { arguments: { order_id: 'B2' }, id: 'c1' })).toEqual({ status: 200, body: { ok: true, content: '{"order_id":"B2","status":"shipped","carrier":"UPS"}' } });
    expect(await call('check_stock', { arguments: {} })).toEqual({ status: 200, body: { ok: false, error: 'inventory database offline', content: 'Error: inventory database offline' } });
    expect((await call('nope', {})).status).toBe(404);
    expect((await call('lookup_order', [1])).status).toBe(400);
    expect(trace.events.map((e) => `${e.type}${'name' in e ? `:${e.name}` : ''}`)).toEqual([
      'tool_call:lookup_order',
      'observation:lookup_order',
      'tool_call:check_stock',
      'error',
      'observation:check_stock',
    ]);
  });
});
