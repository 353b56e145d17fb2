/**
 * `npm run bench:llm`: the model layer's overhead over a bare loop of the `openai` package.
 * 5,000 chat completions to the simulated server (a child process) at 50 ms latency with 64 in
 * flight, through the model layer (cache on, every request fresh) and, in the same run, through
 * a bare loop over the SDK with the same concurrency. Each path runs in a child process of its
 * own (bench/llm-load.ts), in alternating rounds; its best round counts. Then the response
 * cache: opening a file of 100,000 entries in a fresh process (bench/llm-cache.ts).
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fillCache } from './llm-cache-fill.js';

const N = Number(process.env.BENCH_LLM_REQUESTS ?? 5000);
const IN_FLIGHT = 64;
const LATENCY_MS = 50;
const ROUNDS = Number(process.env.BENCH_LLM_ROUNDS ?? 3);
const WARMUP = 500;
const CACHE_ENTRIES = Number(process.env.BENCH_LLM_CACHE_ENTRIES ?? 100_000);
const sibling = (name: string) => fileURLToPath(new URL(`./${name}.js`, import.meta.url));

async function startServer(): Promise<{ url: string; stop(): Promise<{ requests: number; chatCompletions: number }>; kill(): void }> {
  const child: ResultPromise = execa(process.execPath, [sibling('llm-sim-server'), String(LATENCY_MS)], { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.catch(reject);
  });
  const url = (JSON.parse(await next()) as { url: string }).url;
  return {
    url,
    async stop() {
      const stats = next();
      child.stdin?.end();
      const line = await stats;
      await child;
      return (JSON.parse(line) as { stats: { requests: number; chatCompletions: number } }).stats;
    },
    kill: () => child.kill(),
  };
}

async function benchCache(dir: string) {
  const path = join(dir, 'responses.sqlite');
  const filled = performance.now();
  fillCache(path, CACHE_ENTRIES);
  const fillMs = performance.now() - filled;
  const { stdout } = await execa(process.execPath, [sibling('llm-cache'), path, String(CACHE_ENTRIES)]);
  return { fillMs, ...(JSON.parse(stdout) as { entries: number; openMs: number; lookupUs: number; found: number; lookups: number; rssGrowthMB: number; maxRssMB: number }) };
}

interface LoadFigures {
  mode: string;
  wallMs: number;
  cpuMs: number;
  maxRssMB: number;
  usage?: { calls: number; cacheHits: number; failures: number };
}

async function load(mode: 'bare' | 'layer', url: string): Promise<LoadFigures> {
  const { stdout } = await execa(process.execPath, [sibling('llm-load'), mode, url, String(N), String(IN_FLIGHT), String(WARMUP)], { stderr: 'inherit' });
  return JSON.parse(stdout) as LoadFigures;
}

const dir = await mkdtemp(join(tmpdir(), 'agentdevel-bench-llm-'));
const server = await startServer();
let serverRunning = true;
try {
  // Rounds alternate, so a busy moment on the machine hits both paths alike; each path's best round counts.
  const bareRuns: LoadFigures[] = [];
  const layerRuns: LoadFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await load('bare', server.url));
    layerRuns.push(await load('layer', server.url));
  }
  const stats = await server.stop();
  serverRunning = false;
  const cache = await benchCache(dir);

  const best = (runs: LoadFigures[]) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const bareBest = best(bareRuns);
  const layerBest = best(layerRuns);
  const idealMs = (N * LATENCY_MS) / IN_FLIGHT;
  const expectedRequests = 2 * ROUNDS * (N + WARMUP);
  const round1 = (x: number) => Math.round(x);
  const figures = {
    requests: N,
    inFlight: IN_FLIGHT,
    latencyMs: LATENCY_MS,
    idealMs: round1(idealMs),
    bareMs: round1(bareBest.wallMs),
    layerMs: round1(layerBest.wallMs),
    bareRunsMs: bareRuns.map((r) => round1(r.wallMs)),
    layerRunsMs: layerRuns.map((r) => round1(r.wallMs)),
    bareCpuMs: round1(bareBest.cpuMs),
    layerCpuMs: round1(layerBest.cpuMs),
    layerToBare: Number((layerBest.wallMs / bareBest.wallMs).toFixed(3)),
    // CPU time of the client process, summed over all rounds: less sensitive to a busy machine than wall time.
    layerToBareCpu: Number((layerRuns.reduce((t, r) => t + r.cpuMs, 0) / bareRuns.reduce((t, r) => t + r.cpuMs, 0)).toFixed(3)),
    bareToIdeal: Number((bareBest.wallMs / idealMs).toFixed(3)),
    layerToIdeal: Number((layerBest.wallMs / idealMs).toFixed(3)),
    serverChatCompletions: stats.chatCompletions,
    expectedChatCompletions: expectedRequests,
    layerFailures: layerRuns.reduce((sum, r) => sum + (r.usage?.failures ?? 0), 0),
    layerCacheHits: layerRuns.reduce((sum, r) => sum + (r.usage?.cacheHits ?? 0), 0),
    peakRssMB: round1(Math.max(...layerRuns.map((r) => r.maxRssMB))),
    barePeakRssMB: round1(Math.max(...bareRuns.map((r) => r.maxRssMB))),
    cacheEntries: cache.entries,
    cacheFillMs: round1(cache.fillMs),
    cacheOpenMs: Number(cache.openMs.toFixed(2)),
    cacheLookupUs: Number(cache.lookupUs.toFixed(1)),
    cacheLookupsFound: `${cache.found}/${cache.lookups}`,
    cacheOpenRssGrowthMB: Number(cache.rssGrowthMB.toFixed(1)),
    cacheProcessMaxRssMB: round1(cache.maxRssMB),
  };
  const target = { layerToBare: 1.1, peakRssMB: 200, cacheOpenMs: 100, cacheOpenRssGrowthMB: 30 };
  const met =
    figures.layerToBare <= target.layerToBare &&
    figures.peakRssMB < target.peakRssMB &&
    figures.cacheOpenMs <= target.cacheOpenMs &&
    figures.cacheOpenRssGrowthMB <= target.cacheOpenRssGrowthMB &&
    figures.serverChatCompletions === expectedRequests &&
    figures.layerFailures === 0 &&
    figures.layerCacheHits === 0 &&
    cache.found === cache.lookups;

  console.error(`model layer vs bare openai loop: ${N} requests, ${IN_FLIGHT} in flight, ${LATENCY_MS} ms simulated latency, best of ${ROUNDS} alternating rounds, each in its own process`);
  console.error(`  ideal (N x latency / in flight): ${figures.idealMs} ms`);
  console.error(`  bare loop:   ${figures.bareMs} ms (${figures.bareToIdeal} x ideal), cpu ${figures.bareCpuMs} ms, peak RSS ${figures.barePeakRssMB} MB; runs ${figures.bareRunsMs.join(', ')}`);
  console.error(`  model layer: ${figures.layerMs} ms (${figures.layerToIdeal} x ideal, ${figures.layerToBare} x bare), cpu ${figures.layerCpuMs} ms, peak RSS ${figures.peakRssMB} MB; runs ${figures.layerRunsMs.join(', ')}`);
  console.error(`  client CPU, all rounds: layer / bare = ${figures.layerToBareCpu}`);
  console.error(`  server saw ${figures.serverChatCompletions} chat completions (expected ${expectedRequests})`);
  console.error(`response cache of ${cache.entries} entries: opened in ${figures.cacheOpenMs} ms, lookup ${figures.cacheLookupUs} µs, RSS growth ${figures.cacheOpenRssGrowthMB} MB (process max ${figures.cacheProcessMaxRssMB} MB)`);
  console.log(JSON.stringify({ bench: 'llm', ...figures, target, met }));
  if (!met) process.exitCode = 1;
} finally {
  if (serverRunning) server.kill();
  await rm(dir, { recursive: true, force: true });
}
