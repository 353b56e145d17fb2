import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';
import { fakeEngine, isAlive, pidIn } from './engine-fakes.js';
import { startServingCli } from './sim-server-spawn.js';

const env = (fake: Parameters<typeof fakeEngine>[0], extra: Record<string, string> = {}) => ({ ...process.env, AGENTDEVEL_VLLM_BIN: fakeEngine(fake), FAKE_ENGINE_DELAY_MS: '300', ...extra });

describe('agentdevel serve --engine', () => {
  it('starts the engine with the extra arguments, prints its URL once ready, and stops it on SIGTERM', async () => {
    const dir = await writeTree({});
    const serving = await startServingCli(['serve', '--engine', 'vllm', '--model', 'org/m', '--port', '0', '--', '--max-model-len', '4096'], { cwd: dir, env: env('slow-start') });
    expect((await fetch(`${serving.url}/models`)).status).toBe(200);
    const log = serving.stderr().split('\n');
    expect(log).toContain('[vllm] ready');
    const printedArgs = JSON.parse(log.find((l) => l.startsWith('[vllm] args '))!.slice('[vllm] args '.length));
    expect(printedArgs.slice(-2)).toEqual(['--max-model-len', '4096']);
    const pid = pidIn(log);
    serving.child.kill('SIGTERM');
    const result = await serving.child;
    expect(result.exitCode).toBe(0);
    expect(serving.stderr()).toContain('[vllm] got SIGTERM');
    expect(serving.stderr()).toContain('vllm stopped (SIGTERM)');
    expect(isAlive(pid)).toBe(false);
  });

  it('takes the engine with it when it is killed with SIGKILL (a parent-death signal on the engine)', async () => {
    const dir = await writeTree({});
    const serving = await startServingCli(['serve', '--engine', 'vllm', '--model', 'm', '--port', '0'], { cwd: dir, env: env('slow-start', { FAKE_ENGINE_DELAY_MS: '0' }) });
    const pid = pidIn(serving.stderr().split('\n'));
    serving.child.kill('SIGKILL');
    await serving.child;
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isAlive(pid)).toBe(false);
  });

  it('exits 3 with EENGINE_FAILED when the engine dies while serving', async () => {
    const dir = await writeTree({});
    const serving = await startServingCli(['serve', '--engine', 'vllm', '--model', 'm', '--port', '0'], { cwd: dir, env: env('slow-start', { FAKE_ENGINE_DELAY_MS: '0' }) });
    process.kill(pidIn(serving.stderr().split('\n')), 'SIGKILL');
    const result = await serving.child;
    expect(result.exitCode).toBe(3);
    expect(serving.stderr()).toMatch(/EENGINE_FAILED vllm stopped by itself while serving \(SIGKILL\)/);
  });

  it('exits 3 with EENGINE_MISSING naming the install, or EENGINE_FAILED with the log tail', async () => {
    const dir = await writeTree({});
    const missing = await runCli(['serve', '--engine', 'vllm', '--model', 'm', '--port', '0'], { cwd: dir, env: { ...process.env, AGENTDEVEL_VLLM_BIN: `${dir}/no-such-vllm` } });
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toMatch(/^EENGINE_MISSING vllm is not installed/);
    expect(missing.stderr).toContain('pip install vllm');
    const crashed = await runCli(['serve', '--engine', 'vllm', '--model', 'm', '--port', '0'], { cwd: dir, env: env('crash') });
    expect(crashed.exitCode).toBe(3);
    expect(crashed.stderr).toContain('EENGINE_FAILED vllm exited with code 3 before it was ready');
    expect(crashed.stderr).toContain('CUDA out of memory');
    const slow = await runCli(['serve', '--engine', 'vllm', '--model', 'm', '--port', '0', '--ready-timeout-ms', '1500'], { cwd: dir, env: env('never-ready') });
    expect(slow.exitCode).toBe(3);
    expect(slow.stderr).toContain('EENGINE_FAILED vllm did not become ready within 1500 ms');
  });

  it('stops an engine that is still loading when the command gets SIGINT', async () => {
    const dir = await writeTree({});
    const child = execa(process.execPath, [CLI, 'serve', '--engine', 'vllm', '--model', 'm', '--port', '0'], { cwd: dir, env: env('never-ready'), reject: false, timeout: 30_000 });
    let err = '';
    await new Promise<void>((resolve) => child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('loading weights')) resolve();
    }));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(3);
    expect(err).toContain('EINTERRUPTED vllm was stopped while it was starting');
    expect(isAlive(pidIn(err.split('\n')))).toBe(false);
  });

  it.each([
    [['--engine', 'tgi', '--model', 'm'], /--engine: expected one of vllm, sglang, llama-cpp, found "tgi"/],
    [['--engine', 'vllm'], /needs --model <model>/],
    [['--engine', 'vllm', '--model', 'm', '--fault-rate', '0.1'], /--fault-rate applies only with --sim/],
    [['--engine', 'vllm', '--model', 'm', '--ready-timeout-ms', 'soon'], /--ready-timeout-ms: expected a whole number/],
  ])('refuses serve %j with exit 2', async (flags, message) => {
    const result = await runCli(['serve', ...flags]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
