import { fail } from '../../core/errors.js';
import type { FaultKind, LatencySetting } from '../../llm/sim/index.js';
import type { CliContext } from '../context.js';

/**
 * `agentdevel serve --sim`: the simulated world on loopback; `agentdevel serve --engine`: a
 * real inference server (vLLM, SGLang, llama.cpp) started with its own command. Either prints
 * its base URL on stdout and runs until SIGINT or SIGTERM, then stops cleanly.
 */
export default async function serve(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  if (options.sim && options.engine) fail('EUSAGE', 'serve: choose one of --sim or --engine, not both');
  if (options.sim) return serveSim(args, options, ctx);
  if (options.engine) return serveEngine(args, options, ctx);
  return fail('EUSAGE', 'serve: say what to serve: --sim (the simulated world) or --engine vllm|sglang|llama-cpp --model <m>');
}

const SIM_DEFAULT_PORT = 8787;
const gpuOnly = ['prefillMsPer1kTokens', 'decodeMsPerToken', 'prefixCache', 'prefixCacheTokens'] as const;
const simOnly = ['seed', 'latencyMs', 'concurrencyLimit', 'faultRate', 'faults', 'slots', ...gpuOnly] as const;
/** Roughly a 7-8B model on one data-centre GPU; set your own server's measurements. */
const GPU_DEFAULTS = { prefillMsPer1kTokens: 50, decodeMsPerToken: 20 };
const engineOnly = ['model', 'readyTimeoutMs'] as const;

async function serveSim(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  refuseFlags(options, engineOnly, '--engine');
  if (args.length > 0) fail('EUSAGE', `serve --sim takes no extra arguments, found: ${args.join(' ')}`);
  const { faultKinds } = await import('../../llm/sim/options.js');
  // Every flag is checked before anything heavy is loaded or the project is read.
  const flags = {
    seed: options.seed === undefined ? undefined : int(options.seed, '--seed', -(2 ** 31), 2 ** 31 - 1),
    port: options.port === undefined ? SIM_DEFAULT_PORT : int(options.port, '--port', 0, 65_535),
    latencyMs: options.latencyMs === undefined ? undefined : latency(String(options.latencyMs)),
    concurrencyLimit: options.concurrencyLimit === undefined ? undefined : int(options.concurrencyLimit, '--concurrency-limit', 1, 1_000_000),
    faultRate: options.faultRate === undefined ? undefined : rate(String(options.faultRate)),
    faults: options.faults === undefined ? undefined : faultList(String(options.faults), faultKinds),
    gpu: gpuFlags(options),
  };
  const [{ startSimServer }, { createWorld }, { loadSuites }] = await Promise.all([import('../../llm/sim/index.js'), import('../../llm/sim/world/index.js'), import('../../suite/index.js')]);
  const project = await ctx.project();
  const seed = flags.seed ?? project.config.sim.seed;
  const suites = (await loadSuites(project)).map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
  const server = await startSimServer({
    ...flags,
    responder: createWorld({ config: { ...project.config.sim, seed }, suites }),
    host: String(options.host),
    seed,
    latencyMs: flags.latencyMs ?? project.config.sim.latencyMs,
    log: (line) => ctx.logger.debug(line),
  });
  const named = suites.map((s) => s.name).join(', ') || 'none: add suites under specs/';
  const shape = flags.gpu
    ? ` as a GPU-shaped server (${flags.gpu.slots} slots, prefill ${flags.gpu.prefillMsPer1kTokens} ms/1k tokens, decode ${flags.gpu.decodeMsPerToken} ms/token, prefix cache ${flags.gpu.prefixCache ? 'on, shared by all slots' : 'off'}; GET ${server.url.replace(/\/v1$/, '')}/stats)`
    : '';
  ctx.logger.info(`serving the SIMULATED world (no real model) at ${server.url}${shape}, seed ${seed}; suites: ${named}. Ctrl-C stops it.`);
  ctx.result(server.url, { url: server.url, simulated: true, seed, suites: suites.map((s) => s.name), ...(flags.gpu ? { gpu: flags.gpu } : {}) });
  const stop = signals();
  const signal = await stop.first;
  await server.close();
  stop.dispose();
  ctx.logger.info(`simulated world stopped (${signal}) after ${server.stats().chatCompletions} chat completions`);
  return 0;
}

async function serveEngine(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  refuseFlags(options, simOnly, '--sim');
  const { startEngine, isEngineName, engineNames } = await import('../../llm/engine/index.js');
  const engine = String(options.engine);
  if (!isEngineName(engine)) return fail('EUSAGE', `--engine: expected one of ${engineNames.join(', ')}, found "${engine}"`);
  const model = options.model;
  if (typeof model !== 'string' || model === '') return fail('EUSAGE', `serve --engine ${engine} needs --model <model>: a model name or path for ${engine}`);
  const port = options.port === undefined ? undefined : int(options.port, '--port', 0, 65_535);
  const readyTimeoutMs = options.readyTimeoutMs === undefined ? undefined : int(options.readyTimeoutMs, '--ready-timeout-ms', 1, 24 * 3_600_000);
  // A signal during a long start-up (weights loading) stops the engine too.
  const stop = signals();
  const interrupted = new AbortController();
  const stopping = stop.first.then((signal) => (interrupted.abort(), signal));
  try {
    const running = await startEngine({ engine, model, host: String(options.host), port, extraArgs: args, readyTimeoutMs, signal: interrupted.signal, log: (line) => ctx.logger.info(line) });
    ctx.logger.info(`${engine} is serving ${model} at ${running.url}. Ctrl-C stops it.`);
    ctx.result(running.url, { url: running.url, engine, model, pid: running.pid, simulated: false });
    const ended = await Promise.race([stopping, running.exited.then((exit) => ({ exit }))]);
    if (typeof ended === 'object') {
      return fail('EENGINE_FAILED', `${engine} stopped by itself while serving (${ended.exit.signal ?? `exit code ${ended.exit.exitCode}`})`, { details: 'Read its log above for the cause, then start it again.' });
    }
    await running.stop();
    ctx.logger.info(`${engine} stopped (${ended})`);
    return 0;
  } finally {
    stop.dispose();
  }
}

/**
 * The first SIGINT or SIGTERM. The listeners stay until `dispose`: execa's exit cleanup also
 * listens, and re-raises the signal (killing us mid-stop) once it is the last listener left.
 */
function signals(): { first: Promise<NodeJS.Signals>; dispose(): void } {
  let on: (signal: NodeJS.Signals) => void = () => {};
  const first = new Promise<NodeJS.Signals>((resolve) => {
    let seen = false;
    on = (signal) => {
      if (!seen) resolve(signal);
      seen = true;
    };
  });
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    first,
    dispose() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}

/** The GPU-shaped mode's settings, when --slots asks for it; its other flags need --slots. */
function gpuFlags(options: Record<string, unknown>) {
  if (options.slots === undefined) {
    const stray = gpuOnly.filter((k) => options[k] !== undefined).map(flagName);
    if (stray.length > 0) fail('EUSAGE', `${stray.join(', ')} ${stray.length === 1 ? 'applies' : 'apply'} only to the GPU-shaped server: add --slots <n>`);
    return undefined;
  }
  if (options.concurrencyLimit !== undefined) fail('EUSAGE', '--slots and --concurrency-limit: choose one (the GPU-shaped server serves --slots requests at once and queues the rest)');
  const cache = options.prefixCache === undefined ? 'on' : String(options.prefixCache);
  if (cache !== 'on' && cache !== 'off') fail('EUSAGE', `--prefix-cache: expected on or off, found "${cache}"`);
  return {
    slots: int(options.slots, '--slots', 1, 100_000),
    prefillMsPer1kTokens: options.prefillMsPer1kTokens === undefined ? GPU_DEFAULTS.prefillMsPer1kTokens : ms(String(options.prefillMsPer1kTokens), '--prefill-ms-per-1k-tokens'),
    decodeMsPerToken: options.decodeMsPerToken === undefined ? GPU_DEFAULTS.decodeMsPerToken : ms(String(options.decodeMsPerToken), '--decode-ms-per-token'),
    prefixCache: cache === 'on',
    ...(options.prefixCacheTokens === undefined ? {} : { prefixCacheTokens: int(options.prefixCacheTokens, '--prefix-cache-tokens', 16, 1_000_000_000) }),
  };
}

function ms(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) fail('EUSAGE', `${flag}: expected milliseconds, a number >= 0, found "${text}"`);
  return n;
}

function refuseFlags(options: Record<string, unknown>, keys: readonly string[], belongsTo: string): void {
  const given = keys.filter((k) => options[k] !== undefined).map(flagName);
  if (given.length > 0) fail('EUSAGE', `${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} only with ${belongsTo}`);
}

/** The flag of a commander option key: prefillMsPer1kTokens → --prefill-ms-per-1k-tokens. */
function flagName(key: string): string {
  return `--${key.replace(/[A-Z]|\d+/g, (c) => `-${c.toLowerCase()}`)}`;
}

function int(value: unknown, flag: string, min: number, max: number): number {
  const text = String(value);
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) fail('EUSAGE', `${flag}: expected a whole number from ${min} to ${max}, found "${text}"`);
  return n;
}

function latency(text: string): LatencySetting {
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text);
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (!match || max < min) fail('EUSAGE', `--latency-ms: expected milliseconds as a number (50) or a range min-max (20-80), found "${text}"`);
  return min === max ? min : { min, max };
}

function rate(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) fail('EUSAGE', `--fault-rate: expected a share from 0 to 1, found "${text}"`);
  return n;
}

function faultList(text: string, known: readonly string[]): FaultKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds.filter((k) => !known.includes(k));
  if (kinds.length === 0 || unknown.length > 0) fail('EUSAGE', `--faults: unknown fault kind${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => `"${k}"`).join(', ') || '(none given)'}; expected a comma-separated list of ${known.join(', ')}`);
  return kinds as FaultKind[];
}
