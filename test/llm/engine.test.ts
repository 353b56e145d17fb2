import { createServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { startEngine, type EngineName, type EngineOptions } from '../../src/llm/engine/index.js';
import { somethingListens } from '../../src/llm/engine/readiness.js';
import { tempDir } from '../helpers/tmp.js';
import { fakeEngine, isAlive, pidIn } from './engine-fakes.js';

const binEnv: Record<EngineName, string> = { vllm: 'AGENTDEVEL_VLLM_BIN', sglang: 'AGENTDEVEL_SGLANG_BIN', 'llama-cpp': 'AGENTDEVEL_LLAMA_CPP_BIN' };

function withFake(engine: EngineName, fake: Parameters<typeof fakeEngine>[0], extraEnv: Record<string, string> = {}): Pick<EngineOptions, 'engine' | 'env'> {
  return { engine, env: { ...process.env, [binEnv[engine]]: fakeEngine(fake), FAKE_ENGINE_DELAY_MS: '400', ...extraEnv } };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAgentdevelError(error)) throw new Error(`expected an agentdevel error, got ${String(error)}`);
  return error;
}

describe('startEngine', () => {
  it('waits for a slow engine to answer /v1/models, streams its log prefixed, and stops it with SIGTERM', async () => {
    const lines: string[] = [];
    const engine = await startEngine({ ...withFake('vllm', 'slow-start'), model: 'org/model-7b', port: 0, extraArgs: ['--max-model-len', '4096'], pollIntervalMs: 50, log: (l) => lines.push(l) });
    const res = await fetch(`${engine.url}/models`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: Array<{ id: string }> }).data[0]!.id).toBe('org/model-7b');
    expect(lines).toContain('[vllm] ready');
    expect(lines).toContain('[vllm] loading org/model-7b...');
    const pid = pidIn(lines);
    expect(engine.pid).toBe(pid);
    await engine.stop();
    expect(await engine.exited).toEqual({ exitCode: 0, signal: undefined });
    expect(lines).toContain('[vllm] got SIGTERM');
    expect(isAlive(pid)).toBe(false);
  });

  it.each([
    ['vllm', ['serve', 'm1', '--host', '127.0.0.1', '--port', 'PORT', '--dtype', 'half']],
    ['sglang', ['-m', 'sglang.launch_server', '--model-path', 'm1', '--host', '127.0.0.1', '--port', 'PORT', '--dtype', 'half']],
    ['llama-cpp', ['-m', 'm1', '--host', '127.0.0.1', '--port', 'PORT', '--dtype', 'half']],
  ] as Array<[EngineName, string[]]>)('runs %s with its own command line', async (name, expected) => {
    const lines: string[] = [];
    const engine = await startEngine({ ...withFake(name, 'slow-start', { FAKE_ENGINE_DELAY_MS: '0' }), model: 'm1', port: 0, extraArgs: ['--dtype', 'half'], pollIntervalMs: 50, log: (l) => lines.push(l) });
    try {
      const port = new URL(engine.url).port;
      const printed = JSON.parse(lines.find((l) => l.startsWith(`[${name}] args `))!.slice(`[${name}] args `.length));
      expect(printed).toEqual(expected.map((a) => (a === 'PORT' ? port : a)));
      expect(engine.command.slice(1)).toEqual(printed);
    } finally {
      await engine.stop();
    }
  });

  it('is EENGINE_FAILED with the tail of the log when the engine exits before it is ready', async () => {
    const error = await failure(startEngine({ ...withFake('vllm', 'crash'), model: 'm', port: 0, pollIntervalMs: 50 }));
    expect(error.code).toBe('EENGINE_FAILED');
    expect(error.message).toBe('vllm exited with code 3 before it was ready');
    expect(error.details).toContain('CUDA out of memory');
    expect(error.exitCode).toBe(3);
  });

  it('is EENGINE_FAILED, and stops the engine, when it is never ready within the timeout', async () => {
    const lines: string[] = [];
    const error = await failure(startEngine({ ...withFake('llama-cpp', 'never-ready'), model: 'm.gguf', port: 0, readyTimeoutMs: 2_000, pollIntervalMs: 50, log: (l) => lines.push(l) }));
    expect(error.code).toBe('EENGINE_FAILED');
    expect(error.message).toMatch(/did not become ready within 2000 ms/);
    expect(error.details).toContain('loading weights 0%');
    expect(isAlive(pidIn(lines))).toBe(false);
  });

  it('sends SIGKILL when the engine ignores SIGTERM past the grace period', async () => {
    const lines: string[] = [];
    const engine = await startEngine({ ...withFake('vllm', 'slow-start', { FAKE_ENGINE_DELAY_MS: '0', FAKE_ENGINE_IGNORE_SIGTERM: '1' }), model: 'm', port: 0, graceMs: 300, pollIntervalMs: 50, log: (l) => lines.push(l) });
    await engine.stop();
    expect((await engine.exited).signal).toBe('SIGKILL');
    expect(lines).toContain('[vllm] got SIGTERM');
    expect(isAlive(pidIn(lines))).toBe(false);
  });

  it('is EENGINE_MISSING naming what to install when the binary does not exist', async () => {
    const overridden = await failure(startEngine({ engine: 'vllm', env: { ...process.env, AGENTDEVEL_VLLM_BIN: '/nonexistent/bin/vllm' }, model: 'm', port: 0 }));
    expect(overridden.code).toBe('EENGINE_MISSING');
    expect(overridden.message).toContain('"/nonexistent/bin/vllm" was not found');
    expect(overridden.details).toContain('pip install vllm');
    // The default binary, on a PATH that does not have it.
    const emptyPath = await tempDir();
    const onPath = await failure(startEngine({ engine: 'llama-cpp', env: { PATH: emptyPath }, model: 'm', port: 0 }));
    expect(onPath.code).toBe('EENGINE_MISSING');
    expect(onPath.message).toContain('"llama-server" was not found');
    expect(onPath.details).toContain('llama.cpp');
  });

  it('is EENGINE_MISSING when Python runs but has no sglang', async () => {
    const error = await failure(startEngine({ ...withFake('sglang', 'no-sglang'), model: 'm', port: 0, pollIntervalMs: 50 }));
    expect(error.code).toBe('EENGINE_MISSING');
    expect(error.details).toContain('pip install sglang');
  });

  it('refuses (EUSAGE) a port where something already listens, instead of probing the wrong server', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      const error = await failure(startEngine({ ...withFake('vllm', 'slow-start'), model: 'm', port }));
      expect(error.code).toBe('EUSAGE');
      expect(error.message).toBe(`vllm: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      other.close();
    }
  });

  it('counts a port as in use only when something accepts connections there, not when closed connections wait in TIME_WAIT', async () => {
    // (llama-server's sockets use SO_REUSEPORT, so a bind from Node fails there; the real-server test restarts one on its port.)
    expect(await somethingListens('127.0.0.1', await portInTimeWait())).toBe(false);
    const listening = createServer();
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    expect(await somethingListens('127.0.0.1', (listening.address() as AddressInfo).port)).toBe(true);
    listening.close();
  });

  it('stops a starting engine when its signal aborts (EINTERRUPTED)', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    const starting = startEngine({ ...withFake('vllm', 'never-ready'), model: 'm', port: 0, pollIntervalMs: 50, signal: controller.signal, log: (l) => {
      lines.push(l);
      if (l.includes('loading weights')) controller.abort();
    } });
    const error = await failure(starting);
    expect(error.code).toBe('EINTERRUPTED');
    expect(isAlive(pidIn(lines))).toBe(false);
  });
});

/** A port whose server closed a connection first and then stopped: that connection waits in TIME_WAIT on the port. */
async function portInTimeWait(): Promise<number> {
  const server = createTcpServer((socket) => socket.once('data', () => socket.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => {
    const client = connect(port, '127.0.0.1', () => client.write('x'));
    client.on('data', () => undefined);
    client.once('end', () => {
      client.end();
      resolve();
    });
  });
  await new Promise((resolve) => server.close(resolve));
  return port;
}
