import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { critiqueRecords, loadTaxonomy } from '../../src/critic/index.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import type { TraceEvent } from '../../src/core/records.js';
import { openModelLayer } from '../../src/llm/index.js';
import { commandAgent, deskWorld } from '../agent/fixture.js';
import { processesWith } from '../agent/processes.js';
import { example, record, suite } from '../critic/records.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { REAL_MODEL, REAL_MODEL_FILE, REAL_SERVER_SCRIPT, realServerMissing, startRealServer, type RealServer } from '../helpers/real-server.js';
import { tempDir } from '../helpers/tmp.js';
import { tempProject } from '../llm/helpers.js';
import { startServingCli } from '../llm/sim-server-spawn.js';
import { loopProject } from '../release/loop-fixture.js';

/**
 * Every role against a real llama.cpp server (../shared/real-server: llama-server, release b8291,
 * with a 260K-parameter story model). The model cannot do the tasks; these tests prove the
 * protocol and the server's differences are handled, never quality. Skipped, with check.sh's
 * message, where the bundled binary cannot run.
 */
const why = await realServerMissing();
const TIMEOUT = 240_000;

describe.skipIf(why !== undefined)(`against a real llama-server${why ? ` (skipped: ${why})` : ''}`, () => {
  let server: RealServer;
  /** One slot of 2,048 tokens: the model's own context. */
  let small: RealServer;
  beforeAll(async () => {
    [server, small] = await Promise.all([startRealServer(), startRealServer({ CTX: '2048', NP: '1' })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), small?.stop()]);
  }, 30_000);

  const role = (maxTokens: number, extra: Record<string, unknown> = {}) => ({ baseURL: server.url, model: REAL_MODEL, concurrency: 2, timeoutMs: 120_000, maxRetries: 1, sampling: { maxTokens, temperature: 0 }, ...extra });

  test('agent, critic and engineer: one release iteration runs to its end, every outcome recorded, no infrastructure error', async () => {
    const { root } = await loopProject({
      examples: 4,
      endpoints: { agent: role(12), critic: role(32), engineer: role(64) },
      config: { critic: { samplePasses: 0, maxAttempts: 1 }, synthesis: { maxAttempts: 2 } },
    });
    const result = await runCli(['--json', 'release', '--agent', 'qa', '--iterations', '1', '--dry-run'], { cwd: root, timeout: TIMEOUT });
    expect(result.exitCode, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { iterations: Array<{ decision: string }>; records: Array<{ status: string }> };
    expect(out.iterations).toHaveLength(1);
    // A story model writes no usable patch: the iteration ends without a candidate, recorded, never a crash.
    expect(result.stderr).not.toMatch(/EMODEL_UNREACHABLE|EMODEL_REQUEST|EINTERNAL/);
    expect(result.stderr).not.toContain('simulated world');
  }, TIMEOUT);

  test('a streamed tool call cut at max_tokens goes back in a form the server accepts (it answers HTTP 500 to invalid JSON arguments)', async () => {
    const world = await deskWorld({ agentEndpoint: role(60, { sampling: { maxTokens: 60, temperature: 0, extraBody: { tool_choice: 'required' } } }) });
    const runner = world.runner(await world.agent('cut-bot', await commandAgent('cut-bot', 'cut-loop.mjs')));
    const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17', { timeoutMs: 120_000 }));
    const calls = result.trace.filter((e): e is Extract<TraceEvent, { type: 'llm_call' }> => e.type === 'llm_call');
    expect(calls[0]?.response.finishReason).toBe('length');
    const sent = result.trace.find((e) => e.type === 'log' && e.message.startsWith('arguments sent:'));
    expect(sent, 'the model made a tool call').toBeDefined();
    expect(() => JSON.parse((sent as { message: string }).message.slice('arguments sent: '.length))).toThrow();
    expect(result.outcome, JSON.stringify(result.trace.filter((e) => e.type === 'error'))).toEqual({ status: 'completed' });
    expect(calls).toHaveLength(2);
  }, TIMEOUT);

  test("the critic's evidence is clipped to the 2,048-token slot the server reports on /props", async () => {
    const project = await tempProject({ endpoints: { critic: { ...role(32), baseURL: small.url } } });
    const layer = await openModelLayer(project, { cache: false });
    try {
      const trace: TraceEvent[] = [
        { type: 'tool_call', step: 1, id: 'c1', name: 'search', arguments: { q: 'orders' } },
        { type: 'observation', step: 1, toolCallId: 'c1', name: 'search', content: `${'Once upon a time there was a little order. '.repeat(300)}END` },
      ];
      const ctx = { suites: [suite([example('e1')])], client: layer.client('critic'), taxonomy: await loadTaxonomy(), options: { maxAttempts: 2, samplePasses: 0 } };
      const out: CritiqueRecord[] = [];
      for await (const critique of critiqueRecords([record('e1', { trace })], ctx)) out.push(critique);
      expect(out).toHaveLength(1);
      // A 260K story model rarely writes the schema within 32 tokens: labelled or unlabelled, never a refused request.
      expect(['fail', 'pass', 'fragile-pass', 'unlabelled']).toContain(out[0]!.verdict);
    } finally {
      await layer.close();
    }
  }, TIMEOUT);

  test('a prompt longer than the context is an error record whose reason, and the run\'s last words, name the context window', async () => {
    const { root } = await loopProject({ examples: 1, endpoints: { agent: { ...role(8), baseURL: small.url } } });
    const long = { name: 'long', scorer: { kind: 'exact' }, examples: [{ id: 'l1', input: 'Once upon a time. '.repeat(2_000), expected: 'x' }] };
    await import('node:fs/promises').then((fs) => fs.writeFile(`${root}/specs/long.yaml`, JSON.stringify(long)));
    const result = await runCli(['run', '--agent', 'qa', '--suite', 'long'], { cwd: root, timeout: TIMEOUT });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('EMODEL_REQUEST');
    expect(result.stderr).toContain('exceeds the available context size');
    expect(result.stderr).toContain("context window");
  }, TIMEOUT);

  test('serve --engine llama-cpp: restarts at once on the port it just left, and SIGKILL of agentdevel takes the engine with it', async () => {
    const dir = await tempDir();
    const port = await freePort();
    const env = { ...process.env, AGENTDEVEL_LLAMA_CPP_BIN: REAL_SERVER_SCRIPT };
    const args = ['serve', '--engine', 'llama-cpp', '--model', REAL_MODEL_FILE, '--port', String(port)];
    const first = await startServingCli(args, { cwd: dir, env });
    // Connections the server closes as it stops leave the port in TIME_WAIT.
    for (let i = 0; i < 3; i++) await (await fetch(`${first.url}/models`)).text();
    first.child.kill('SIGTERM');
    expect((await first.child).exitCode).toBe(0);

    const second = await startServingCli(args, { cwd: dir, env });
    expect((await fetch(`${second.url}/models`)).status).toBe(200);
    const engines = await processesWith(`--port\0${port}`);
    expect(engines.length).toBeGreaterThan(0);
    second.child.kill('SIGKILL');
    await second.child;
    let left = engines;
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = (await processesWith(`--port\0${port}`)).filter((pid) => engines.includes(pid));
    }
    expect(left).toEqual([]);
  }, TIMEOUT);
});
