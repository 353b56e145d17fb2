import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { fail } from '../../core/errors.js';
import { findExecutable, holdingLimit, strongestWrapper, weakerHolding } from '../../core/process/index.js';
import { engines, type EngineName } from './engines.js';
import { LogTail } from './log-tail.js';
import { answersModels, freePort, reachableHost, somethingListens } from './readiness.js';

export interface EngineOptions {
  engine: EngineName;
  model: string;
  host?: string;
  /** The engine's own default when omitted; 0 picks a free port. */
  port?: number;
  /** Passed to the engine after agentdevel's own arguments. */
  extraArgs?: string[];
  readyTimeoutMs?: number;
  pollIntervalMs?: number;
  /** How long a stopped engine may take to exit after SIGTERM before it gets SIGKILL. */
  graceMs?: number;
  /** Each line the engine prints, prefixed with its name. */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Aborting it while the engine starts stops the engine (EINTERRUPTED). */
  signal?: AbortSignal;
}

export interface RunningEngine {
  /** Base URL ending in /v1. */
  url: string;
  pid: number | undefined;
  command: string[];
  /** Settles when the engine exits, for whatever reason. */
  exited: Promise<{ exitCode: number | undefined; signal: string | undefined }>;
  /** SIGTERM, then SIGKILL after the grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a real inference server with its own command, streams its log and resolves once
 * GET /v1/models answers 200. A missing binary is EENGINE_MISSING (naming what to install);
 * an engine that exits first, or is not ready within the timeout, is EENGINE_FAILED with the
 * tail of its log, and is stopped.
 */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const spec = engines[options.engine];
  const env = options.env ?? process.env;
  const bin = env[spec.binEnv] || spec.bin;
  const host = options.host ?? '127.0.0.1';
  const port = options.port === 0 ? await freePort(host) : (options.port ?? spec.defaultPort);
  // Another server already there would answer the readiness probe in the engine's place.
  if (await somethingListens(host, port)) {
    fail('EUSAGE', `${options.engine}: port ${port} on ${host} is already in use`, { details: 'Stop what listens there, or pass another --port (0 picks a free one).' });
  }
  const args = [...spec.args({ model: options.model, host, port }), ...(options.extraArgs ?? [])];
  const url = `http://${reachableHost(host)}:${port}/v1`;
  const log = options.log ?? (() => {});
  const tail = new LogTail();
  const graceMs = options.graceMs ?? 10_000;

  const found = await findExecutable(bin, env, process.cwd());
  if ('error' in found) return failed(options.engine, spec, bin, { spawnCode: found.error }, tail);
  // The engine dies with agentdevel, even under kill -9 (a parent-death signal where setpriv exists): a stray engine holds a GPU and a port.
  const wrapper = await strongestWrapper(weakerHolding('parent-death', holdingLimit(env)));
  const [file = found.path, ...prefix] = wrapper.prefix;
  const child = execa(file, wrapper.prefix.length === 0 ? args : [...prefix, found.path, ...args], { env, extendEnv: false, reject: false, buffer: false, all: true, stdin: 'ignore', forceKillAfterDelay: graceMs, cleanup: true });
  const logging = pump(child.iterable({ from: 'all' }), (line) => {
    tail.push(line);
    log(`[${options.engine}] ${line}`);
  });
  const exited = child.then(async (result) => {
    await logging;
    return { exitCode: result.exitCode, signal: result.signal, spawnCode: (result as { code?: string }).code };
  });
  const running: RunningEngine = {
    url,
    pid: child.pid,
    command: [bin, ...args],
    exited: exited.then(({ exitCode, signal }) => ({ exitCode, signal })),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 600_000);
  let done: Awaited<typeof exited> | undefined;
  void exited.then((d) => (done = d));
  const aborted = options.signal ? new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true })) : undefined;
  for (;;) {
    if (done) return failed(options.engine, spec, bin, done, tail);
    if (options.signal?.aborted) {
      await running.stop();
      return fail('EINTERRUPTED', `${options.engine} was stopped while it was starting`, { details: 'Start it again when you are ready; nothing else was changed.' });
    }
    if (await answersModels(url)) return running;
    if (done) return failed(options.engine, spec, bin, done, tail);
    if (Date.now() >= deadline) {
      await running.stop();
      return fail('EENGINE_FAILED', `${options.engine} did not become ready within ${options.readyTimeoutMs ?? 600_000} ms (GET ${url}/models never answered 200); it was stopped`, {
        details: `Last lines of its log:\n${tail.text()}\nRaise --ready-timeout-ms for a large model, or read the log for what it is waiting on.`,
      });
    }
    await Promise.race([sleep(options.pollIntervalMs ?? 500), exited, ...(aborted ? [aborted] : [])]);
  }
}

async function pump(lines: AsyncIterable<unknown>, onLine: (line: string) => void): Promise<void> {
  try {
    for await (const line of lines) onLine(String(line));
  } catch {
    // A process that never started has no output; its exit says why.
  }
}

function failed(engine: EngineName, spec: (typeof engines)[EngineName], bin: string, done: { exitCode?: number; signal?: string; spawnCode?: string }, tail: LogTail): never {
  if (done.spawnCode === 'ENOENT' || (spec.missingPattern && tail.some(spec.missingPattern))) {
    return fail('EENGINE_MISSING', `${engine} is not installed: ${done.spawnCode === 'ENOENT' ? `"${bin}" was not found` : `"${bin}" has no ${engine}`}`, {
      details: `Install ${spec.install}. Or point the endpoint's baseURL at a server that is already running.`,
    });
  }
  const how = done.spawnCode ? `could not be started (${done.spawnCode}: "${bin}")` : done.signal ? `was killed by ${done.signal}` : `exited with code ${done.exitCode}`;
  return fail('EENGINE_FAILED', `${engine} ${how} before it was ready`, {
    details: `Last lines of its log:\n${tail.text()}\nFix what the log says (model path, GPU memory, arguments), then rerun.`,
  });
}
