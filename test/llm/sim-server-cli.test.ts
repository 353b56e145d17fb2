import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';
import { chat, call, user } from './sim-server-http.js';
import { startServingCli } from './sim-server-spawn.js';

const project = {
  'agentdevel.yaml': 'sim:\n  seed: 4\n  flakyShare: 0\n  rerollRate: 0\n',
  'specs/capitals.yaml': [
    'name: capitals',
    'scorer: { kind: exact }',
    'examples:',
    '  - id: fr',
    '    input: What is the capital of France?',
    '    expected: Paris',
    '    sim: { answer: Paris, wrong: Lyon }',
    '',
  ].join('\n'),
};

describe('agentdevel serve --sim', () => {
  it("serves the project's simulated world until SIGTERM, then exits cleanly", async () => {
    const dir = await writeTree(project);
    const serving = await startServingCli(['serve', '--sim', '--port', '0'], { cwd: dir });
    expect(serving.stderr()).toMatch(/SIMULATED world \(no real model\).*seed 4; suites: capitals/);
    const models = await call(`${serving.url}/models`);
    expect((models.json as { data: Array<{ id: string }> }).data.map((m) => m.id)).toContain('sim-agent');
    const known = await chat(serving.url, { messages: [user('What is the capital of France?')] });
    expect(known.status).toBe(200);
    expect((known.json as any).choices[0].message.content).toContain('Paris');
    const unknown = await chat(serving.url, { messages: [user('What is the airspeed of a swallow?')] });
    expect((unknown.json as any).choices[0].message.content).toMatch(/do not know/);
    serving.child.kill('SIGTERM');
    const result = await serving.child;
    expect(result.exitCode).toBe(0);
    expect(serving.stderr()).toMatch(/simulated world stopped \(SIGTERM\) after 2 chat completions/);
    await expect(fetch(`${serving.url}/models`)).rejects.toThrow();
  });

  it('passes --seed, --fault-rate and --faults to the server, and prints JSON under --json', async () => {
    const dir = await writeTree({});
    const serving = await startServingCli(['--json', 'serve', '--sim', '--port', '0', '--seed', '9', '--fault-rate', '1', '--faults', '429', '--latency-ms', '1-3', '--concurrency-limit', '2'], { cwd: dir });
    const reply = await chat(serving.url, { messages: [user('hi')] });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('1');
    serving.child.kill('SIGINT');
    const result = await serving.child;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(serving.stdout())).toMatchObject({ url: serving.url, simulated: true, seed: 9, suites: [] });
  });

  it.each([
    [['--fault-rate', '2'], /--fault-rate: expected a share from 0 to 1, found "2"/],
    [['--faults', '429,teapot'], /--faults: unknown fault kind "teapot"/],
    [['--latency-ms', '9-3'], /--latency-ms: expected milliseconds/],
    [['--port', '99999'], /--port: expected a whole number from 0 to 65535/],
    [['--concurrency-limit', '0'], /--concurrency-limit: expected a whole number from 1/],
    [['--model', 'x'], /--model applies only with --engine/],
    [['--engine', 'vllm'], /choose one of --sim or --engine/],
    [['extra'], /takes no extra arguments/],
    [['--decode-ms-per-token', '5'], /--decode-ms-per-token applies only to the GPU-shaped server: add --slots <n>/],
    [['--slots', '0'], /--slots: expected a whole number from 1/],
    [['--slots', '2', '--prefix-cache', 'maybe'], /--prefix-cache: expected on or off, found "maybe"/],
    [['--slots', '2', '--prefill-ms-per-1k-tokens', 'fast'], /--prefill-ms-per-1k-tokens: expected milliseconds, a number >= 0, found "fast"/],
    [['--slots', '2', '--concurrency-limit', '3'], /--slots and --concurrency-limit: choose one/],
  ])('refuses serve --sim %j with exit 2 and EUSAGE', async (flags, message) => {
    const dir = await writeTree({});
    const result = await runCli(['serve', '--sim', '--port', '0', ...flags], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^EUSAGE /);
    expect(result.stderr).toMatch(message);
  });

  it('serves the GPU-shaped world with --slots: its capacity on /props, occupancy and cache figures on /stats, timings in replies', async () => {
    const dir = await writeTree(project);
    const serving = await startServingCli(['--json', 'serve', '--sim', '--port', '0', '--slots', '3', '--prefill-ms-per-1k-tokens', '2', '--decode-ms-per-token', '0.5', '--prefix-cache', 'off'], { cwd: dir });
    const root = serving.url.replace(/\/v1$/, '');
    expect((await call(`${root}/props`)).json).toEqual({ total_slots: 3, simulated: true, prefix_cache: 'off' });
    const reply = await chat(serving.url, { messages: [user('What is the capital of France?')] });
    expect((reply.json as any).choices[0].message.content).toContain('Paris');
    expect((reply.json as any).timings).toMatchObject({ cache_n: 0, queue_ms: 0 });
    const stats = (await call(`${root}/stats`)).json as any;
    expect(stats.gpu).toMatchObject({ slots: 3, admitted: 1, completed: 1, prefixCache: { enabled: false } });
    serving.child.kill('SIGTERM');
    expect((await serving.child).exitCode).toBe(0);
    expect(JSON.parse(serving.stdout())).toMatchObject({ simulated: true, gpu: { slots: 3, prefillMsPer1kTokens: 2, decodeMsPerToken: 0.5, prefixCache: false } });
    expect(serving.stderr()).toMatch(/GPU-shaped server \(3 slots, prefill 2 ms\/1k tokens, decode 0.5 ms\/token, prefix cache off/);
  });

  it('refuses serve without --sim or --engine, and a port that is taken', async () => {
    const dir = await writeTree({});
    const neither = await runCli(['serve'], { cwd: dir });
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toMatch(/EUSAGE serve: say what to serve/);
    const taken = await occupy();
    try {
      const port = (taken.address() as { port: number }).port;
      const busy = await runCli(['serve', '--sim', '--port', String(port)], { cwd: dir });
      expect(busy.exitCode).toBe(2);
      expect(busy.stderr).toContain(`EUSAGE simulated server: cannot listen on 127.0.0.1:${port}: port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });
});

function occupy(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
