import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../src/core/records.js';
import { deskWorld, promptAgent, shape } from './fixture.js';

describe('prompt agent on the simulated world', () => {
  test('plays a multi-step tool episode and traces every step in order', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17'));

    expect(result.outcome).toEqual({ status: 'completed' });
    expect(result.output).toEqual({
      answer: 'Order A17 shipped with UPS and arrives on 2024-05-02.',
      toolCalls: [
        { name: 'lookup_order', arguments: { order_id: 'A17' } },
        { name: 'shipping_date', arguments: { order_id: 'A17' } },
      ],
    });
    expect(shape(result.trace)).toEqual([
      'llm_call',
      'tool_call:lookup_order',
      'observation:lookup_order',
      'llm_call',
      'tool_call:shipping_date',
      'observation:shipping_date',
      'llm_call',
      'final',
    ]);
    expect(result.trace.map((e) => e.step)).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
    const [first, call, observation] = result.trace as [Extract<TraceEvent, { type: 'llm_call' }>, Extract<TraceEvent, { type: 'tool_call' }>, Extract<TraceEvent, { type: 'observation' }>];
    // The request summary: system + user turn, four tools offered.
    expect(first.request).toEqual({ messages: 2, lastRole: 'user', tools: 4 });
    expect(first.response.toolCalls[0]).toMatchObject({ name: 'lookup_order', arguments: { order_id: 'A17' } });
    expect(first.usage.promptTokens).toBeGreaterThan(0);
    expect(first.cached).toBe(false);
    expect(observation).toMatchObject({ toolCallId: call.id, content: JSON.stringify({ order_id: 'A17', status: 'shipped', carrier: 'UPS' }) });
    const third = result.trace[6] as Extract<TraceEvent, { type: 'llm_call' }>;
    expect(third.request).toEqual({ messages: 6, lastRole: 'tool', tools: 4 });
    expect(result.usage.calls).toBe(3);
    expect(result.usage.promptTokens).toBe(result.trace.filter((e) => e.type === 'llm_call').reduce((n, e) => n + (e.type === 'llm_call' ? e.usage.promptTokens : 0), 0));
  });

  test('stops at the step limit with a fail naming it', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('short-bot', promptAgent('short-bot', { maxSteps: 2 })));
    const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17'));
    expect(result.outcome).toEqual({ status: 'fail', reason: 'step limit (2)' });
    expect(result.usage.calls).toBe(2);
    expect(shape(result.trace).slice(-1)).toEqual(['error']);
    expect(result.trace.some((e) => e.type === 'final')).toBe(false);
  });

  test('a tool that throws becomes an error observation and the loop goes on', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const result = await runner.runEpisode(world.input(world.desk, 'stock-z9'));
    expect(result.outcome).toEqual({ status: 'completed' });
    expect(shape(result.trace)).toEqual(['llm_call', 'tool_call:check_stock', 'error', 'observation:check_stock', 'llm_call', 'final']);
    expect(result.trace[2]).toMatchObject({ type: 'error', message: 'tool check_stock failed: inventory database offline' });
    expect(result.trace[3]).toMatchObject({ content: 'Error: inventory database offline' });
  });

  test('a long observation is cut at the limit and says so', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')), { observationLimit: 1000 });
    const result = await runner.runEpisode(world.input(world.desk, 'report'));
    const observation = result.trace.find((e) => e.type === 'observation');
    expect(observation?.type === 'observation' && observation.content).toBe(`${'x'.repeat(1000)}… [truncated: 49000 more characters]`);
  });

  test('execute: false — the first reply’s tool calls are the answer', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const result = await runner.runEpisode(world.input(world.calls, 'weather-oslo'));
    expect(result.outcome).toEqual({ status: 'completed' });
    expect(result.output).toEqual({ answer: null, toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    expect(shape(result.trace)).toEqual(['llm_call', 'tool_call:get_weather', 'final']);
    expect(result.usage.calls).toBe(1);
  });

  test('an unreachable endpoint is an error with its code, not a fail', async () => {
    const world = await deskWorld({ agentEndpoint: { baseURL: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: 1 } });
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toMatchObject({ status: 'error', code: 'EMODEL_UNREACHABLE' });
    expect(result.trace.at(-1)).toMatchObject({ type: 'error', code: 'EMODEL_UNREACHABLE' });
  });

  test('the episode timeout is a fail; an interruption of the run is an error', async () => {
    const world = await deskWorld({ sim: { latencyMs: 2_000 } });
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const timedOut = await runner.runEpisode(world.input(world.desk, 'hello', { timeoutMs: 150 }));
    expect(timedOut.outcome).toEqual({ status: 'fail', reason: 'timeout (150 ms)' });

    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const interrupted = await runner.runEpisode(world.input(world.desk, 'hello', { signal: stop.signal }));
    expect(interrupted.outcome).toMatchObject({ status: 'error', code: 'EINTERRUPTED' });
  });

  test('a fault in agentdevel’s own code is an EINTERNAL error, never a fail', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const broken = { ...world.desk.tools, execute: true, definitions: () => { throw new TypeError('definitions is broken'); }, call: world.desk.tools.call };
    const result = await runner.runEpisode({ ...world.input(world.desk, 'hello'), tools: broken });
    expect(result.outcome).toEqual({ status: 'error', code: 'EINTERNAL', reason: 'harness fault: TypeError: definitions is broken' });
  });

  test('messages given by the example replace the single user turn', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const base = world.example(world.desk, 'hello');
    const example = { ...base, input: { messages: [{ role: 'user', content: 'Hi there.' }, { role: 'assistant', content: 'Hello, how can I help?' }, { role: 'user', content: 'Say hello to the customer.' }] } };
    const result = await runner.runEpisode({ ...world.input(world.desk, 'hello'), example });
    expect(result.outcome).toEqual({ status: 'completed' });
    expect(result.trace[0]).toMatchObject({ type: 'llm_call', request: { messages: 4, lastRole: 'user' } });

    const bad = { ...base, input: { messages: [{ role: 'robot', content: 'beep' }] } };
    const refused = await runner.runEpisode({ ...world.input(world.desk, 'hello'), example: bad });
    expect(refused.outcome).toMatchObject({ status: 'error', code: 'ECONFIG', reason: 'suite desk: example hello: input.messages[0]: expected { role: system | user | assistant, content: text }' });
  });
});
