import { access } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../src/core/records.js';
import { commandAgent, deskWorld, shape } from './fixture.js';
import { allGone, processesWith } from './processes.js';
import { tempDir } from '../helpers/tmp.js';
import { rawServer, sendJson } from '../llm/raw-server.js';

type LlmCall = Extract<TraceEvent, { type: 'llm_call' }>;

describe('command agent through the recording proxy', () => {
  test('round trip: task on stdin, model calls and tools through the proxy, all in its trace', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs')));
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
      'log',
      'llm_call',
      'tool_call:lookup_order',
      'observation:lookup_order',
      'llm_call',
      'tool_call:shipping_date',
      'observation:shipping_date',
      'llm_call',
      'final',
    ]);
    expect(result.trace[0]).toMatchObject({ type: 'log', message: 'task where-is-a17 with 4 tools' });
    const first = result.trace[1] as LlmCall;
    expect(first.request).toEqual({ messages: 2, lastRole: 'user', tools: 4 });
    expect(first.usage.promptTokens).toBeGreaterThan(0);
    expect(first.usage.completionTokens).toBeGreaterThan(0);
    // The observation answers the tool call the model made (same id), recorded once.
    expect(result.trace[3]).toMatchObject({ toolCallId: (result.trace[2] as { id: string }).id, content: JSON.stringify({ order_id: 'A17', status: 'shipped', carrier: 'UPS' }) });
    expect(result.usage.calls).toBe(3);
    expect(result.usage.promptTokens).toBe(result.trace.filter((e): e is LlmCall => e.type === 'llm_call').reduce((n, e) => n + e.usage.promptTokens, 0));
  });

  test('streamed replies through the proxy are the same episode, with usage', async () => {
    const world = await deskWorld();
    const files = await commandAgent('stream-bot', 'tool-loop.mjs');
    files['agent.yaml'] = files['agent.yaml']!.replace('[node, ./agent.mjs]', '[node, ./agent.mjs, --stream]');
    const runner = world.runner(await world.agent('stream-bot', files));
    const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17'));
    expect(result.outcome).toEqual({ status: 'completed' });
    expect((result.output as { answer: string }).answer).toBe('Order A17 shipped with UPS and arrives on 2024-05-02.');
    expect(result.usage.calls).toBe(3);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });

  test('execute: false suites: the tools endpoint refuses and the calls are the answer', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs')));
    const result = await runner.runEpisode(world.input(world.calls, 'weather-oslo'));
    expect(result.outcome).toEqual({ status: 'completed' });
    expect(result.output).toEqual({ answer: null, toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
  });

  test('a crash is a fail with the exit code and the stderr tail in the trace', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('crash-bot', await commandAgent('crash-bot', 'crash.mjs')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'fail', reason: 'exit code 1' });
    const stderr = result.trace.find((e) => e.type === 'log' && e.message.startsWith('stderr'));
    expect(stderr).toMatchObject({ message: expect.stringContaining('working on hello: state is inconsistent') });
    expect(stderr).toMatchObject({ message: expect.stringContaining('boom: the agent crashed') });
    expect(result.trace.at(-1)).toMatchObject({ type: 'error', message: 'exit code 1' });
  });

  test('output that is not a JSON object is a fail quoting it', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('prose-bot', await commandAgent('prose-bot', 'not-json.mjs')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'fail', reason: 'non-JSON output: stdout line 2 is not JSON: The answer is 42.' });
    expect(result.trace[0]).toMatchObject({ type: 'log', message: 'thinking' });
  });

  test('a program past its timeout is killed with everything it started', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('sleepy-bot', await commandAgent('sleepy-bot', 'sleeper.mjs', 'timeoutMs: 600\n')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'fail', reason: 'timeout (600 ms)' });
    const folder = /grandchild in (\S+?)"/.exec(JSON.stringify(result.trace))?.[1];
    expect(folder).toBeDefined();
    expect(await allGone(folder!)).toBe(true);
  });

  test('an interruption of the run kills the program and is an error', async () => {
    const world = await deskWorld();
    const tempRoot = await tempDir();
    const runner = world.runner(await world.agent('sleepy-bot', await commandAgent('sleepy-bot', 'sleeper.mjs')), { tempRoot });
    const stop = new AbortController();
    const episode = runner.runEpisode(world.input(world.desk, 'hello', { signal: stop.signal }));
    // Interrupted once the grandchild runs (its command line names its working folder, under tempRoot).
    while ((await processesWith(`setInterval(() => {}, 1000)\0${tempRoot}`)).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    const result = await episode;
    expect(result.outcome).toMatchObject({ status: 'error', code: 'EINTERRUPTED' });
    expect(await allGone(tempRoot)).toBe(true);
  });

  test('a flood of output is cut off: a fail naming the limit', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('loud-bot', await commandAgent('loud-bot', 'flood.mjs')), { stdoutLimitBytes: 4 * 1024 * 1024 });
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'fail', reason: `output too large: stdout over ${4 * 1024 * 1024} bytes` });
    expect(JSON.stringify(result.trace).length).toBeLessThan(64 * 1024);
  });

  test('a program that cannot start is a fail', async () => {
    const world = await deskWorld();
    const blueprint = await world.agent('ghost-bot', { 'agent.yaml': 'name: ghost-bot\nkind: command\ncommand: [agentdevel-no-such-program]\n' });
    const result = await world.runner(blueprint).runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'fail', reason: 'could not start agentdevel-no-such-program: ENOENT' });
  });

  test('a model endpoint fault behind the proxy makes the failed episode an error, not a fail', async () => {
    const world = await deskWorld({ agentEndpoint: { baseURL: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: 0 } });
    const runner = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toMatchObject({ status: 'error', code: 'EMODEL_UNREACHABLE', reason: expect.stringContaining('the program then failed: exit code 1') });
    expect(result.trace.some((e) => e.type === 'error' && e.code === 'EMODEL_UNREACHABLE')).toBe(true);
  });
});

describe('command agent behind a failing endpoint', () => {
  test('an episode whose time went to retrying HTTP 500s is an error with the endpoint\'s code, not the program\'s timeout', async () => {
    const server = await rawServer((_, res) => sendJson(res, 500, { error: { code: 500, message: 'Internal server error', type: 'server_error' } }));
    const world = await deskWorld({ agentEndpoint: { baseURL: server.url, model: 'm', maxRetries: 20 }, layer: { retryPolicy: { baseDelayMs: 200, maxDelayMs: 1_000, maxRetryAfterMs: 1_000 } } });
    const runner = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs', 'timeoutMs: 1500\n')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toMatchObject({ status: 'error', code: 'EMODEL_UNREACHABLE', reason: expect.stringMatching(/HTTP 500.*the program then failed: timeout \(1500 ms\)/) });
    expect(server.received.length).toBeGreaterThan(1);
  });
});

describe('command agent environment', () => {
  test('explicit environment: no inherited secret unless listed; a fresh working folder, removed after; a read-only agent folder', async () => {
    process.env.SHOP_TEST_SECRET = 'hunter2-parent-secret';
    process.env.SHOP_TEST_PLAIN = 'plain-value';
    try {
      const world = await deskWorld();
      const hidden = await world.runner(await world.agent('env-bot', await commandAgent('env-bot', 'env-report.mjs'))).runEpisode(world.input(world.desk, 'hello', { sampleIndex: 4 }));
      expect(hidden.outcome).toEqual({ status: 'completed' });
      const seen = hidden.output as { env: Record<string, string>; cwd: string; task: Record<string, unknown>; agentFiles: string[]; promptMode: number };
      expect(Object.keys(seen.env).filter((k) => !['PWD', 'SHLVL', '_'].includes(k))).toEqual(['AGENTDEVEL_AGENT_DIR', 'AGENTDEVEL_TOOLS_URL', 'HOME', 'LANG', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'PATH', 'PYTHONUNBUFFERED', 'TMPDIR']);
      expect(JSON.stringify(hidden)).not.toContain('hunter2-parent-secret');
      expect(seen.env.HOME).toBe(seen.cwd);
      expect(seen.env.OPENAI_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ep\/[\w-]+\/v1$/);
      expect(seen.env.OPENAI_BASE_URL).toContain(seen.env.OPENAI_API_KEY);
      await expect(access(seen.cwd)).rejects.toThrow(/ENOENT/);
      expect(seen.agentFiles).toEqual(['agent.mjs', 'agent.yaml', 'prompts', 'prompts/system.md']);
      expect(seen.promptMode).toBe(0o444);
      // The task, never the expected answer or the world's annotations.
      expect(seen.task).toEqual({ id: 'hello', suite: 'desk', input: 'Say hello to the customer.', task: 'Say hello to the customer.', tools: expect.any(Array), executeTools: true, sampleIndex: 4 });

      const listed = await world.agent('env2-bot', await commandAgent('env2-bot', 'env-report.mjs', 'env: [SHOP_TEST_PLAIN, NOT_SET_ANYWHERE]\n'));
      const shown = await world.runner(listed).runEpisode(world.input(world.desk, 'hello'));
      expect((shown.output as { env: Record<string, string> }).env.SHOP_TEST_PLAIN).toBe('plain-value');
      expect(shown.trace[0]).toMatchObject({ type: 'log', message: expect.stringContaining('NOT_SET_ANYWHERE is listed in agent.yaml but not set') });
    } finally {
      delete process.env.SHOP_TEST_SECRET;
      delete process.env.SHOP_TEST_PLAIN;
    }
  });

  test('concurrent episodes: each one’s calls land in its own trace; a forged token gets 404', async () => {
    const world = await deskWorld({ sim: { latencyMs: 100 } });
    const runner = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs')));
    const [a, b] = await Promise.all([runner.runEpisode(world.input(world.desk, 'where-is-a17')), runner.runEpisode(world.input(world.desk, 'hello'))]);
    expect(a?.outcome).toEqual({ status: 'completed' });
    expect(b?.outcome).toEqual({ status: 'completed' });
    expect(a?.usage.calls).toBe(3);
    expect(b?.usage.calls).toBe(1);
    expect(shape(b!.trace)).toEqual(['log', 'llm_call', 'final']);
    expect((b!.trace[1] as LlmCall).response.content).toBe('Hello!');

    const probe = world.runner(await world.agent('probe-bot', await commandAgent('probe-bot', 'other-token.mjs')));
    const probed = await probe.runEpisode(world.input(world.desk, 'hello'));
    expect(probed.output).toMatchObject({
      models: { status: 200, body: { object: 'list', data: [{ id: 'sim-agent' }] } },
      forged: { status: 404, body: { error: { type: 'invalid_request_error', code: 'unknown_token' } } },
    });
    expect(probed.usage.calls).toBe(0);
  });
});
