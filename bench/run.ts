/**
 * `npm run bench:run`: the run stage's overhead over a bare loop of the same requests.
 * 10,000 examples of a one-call prompt agent on the simulated server (a child process) at
 * 50 ms latency with 64 requests in flight; in this same process, a bare loop over the
 * `openai` package sends the same 10,000 requests (no traces, scoring or journal) as the
 * floor. Then: 200 ms latency against the ideal, 5 repeats, and 20% injected faults.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { tuneHeap } from '../src/cli/heap.js';
import { loadProject, type Project } from '../src/config/index.js';
import { executeRun } from '../src/run/index.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { BENCH_PROMPT, benchTask, writeBenchProject } from './run-project.js';

const N = Number(process.env.BENCH_RUN_EXAMPLES ?? 10_000);
const IN_FLIGHT = 64;

function startServer(root: string, latencyMs: number, faultRate = 0): Promise<ChildServer> {
  return startChildServer('run-sim-server', [root, String(latencyMs), String(faultRate)]);
}

/** Every role on the child's server, so that no simulated world starts in this process. */
function projectFor(base: Project, url: string): Project {
  const { endpoints } = base.config;
  // The run stage's own cost at the bare loop's concurrency: capacity fixed at 64 in flight
  // (following the server's capacity is measured by bench:serve).
  const agent = { ...endpoints.agent, baseURL: url, model: 'sim-agent', concurrency: IN_FLIGHT, capacity: 'fixed' as const, maxRetries: 4, timeoutMs: 30_000 };
  const critic = { ...endpoints.critic, baseURL: url, model: 'sim-critic' };
  const engineer = { ...endpoints.engineer, baseURL: url, model: 'sim-engineer' };
  return { ...base, config: { ...base.config, endpoints: { agent, critic, engineer } } };
}

function cpuS(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function timedRun(base: Project, url: string, storeName: string, repeats = 1) {
  const project = { ...projectFor(base, url), storeDir: join(base.root, storeName) };
  const cpu = cpuS();
  const started = performance.now();
  const result = await executeRun({ project, agent: 'bench', suites: ['bench'], repeats });
  return { wallS: (performance.now() - started) / 1000, cpuS: cpuS() - cpu, total: result.summary.total };
}

/** The floor: the same requests through the openai package, 64 at a time, nothing else. */
async function bareLoop(url: string, count = N): Promise<{ wallS: number; cpuS: number }> {
  const client = new OpenAI({ baseURL: url, apiKey: 'no-key', maxRetries: 0 });
  let next = 0;
  const cpu = cpuS();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let i = next++; i < count; i = next++) {
        const task = benchTask(i);
        await client.chat.completions.create({
          model: 'sim-agent',
          messages: [
            { role: 'system', content: BENCH_PROMPT },
            { role: 'user', content: task.input },
          ],
          seed: i,
        });
      }
    }),
  );
  return { wallS: (performance.now() - started) / 1000, cpuS: cpuS() - cpu };
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function main(): Promise<void> {
  // Measured as the CLI runs it (src/cli/bin.ts): the bare loop below gets the same heap setting.
  tuneHeap();
  const root = await mkdtemp(join(tmpdir(), 'agentdevel-bench-run-'));
  try {
    await writeBenchProject(root, N);
    const base = await loadProject({ cwd: root });
    const ideal = (latencyMs: number, episodes = N) => (episodes * latencyMs) / 1000 / IN_FLIGHT;
    console.log(`bench:run — ${N} examples, one-call prompt agent, simulated world (child process), ${IN_FLIGHT} in flight`);

    let server = await startServer(root, 50);
    await bareLoop(server.url, Math.min(N, 1000)); // warm-up of the server and the SDK, not counted
    const bare50 = await bareLoop(server.url);
    const run50 = await timedRun(base, server.url, 'store-50');
    const rssMb = peakRssMb();
    await server.stop();
    console.log(`50 ms:  run ${run50.wallS.toFixed(2)} s (CPU ${run50.cpuS.toFixed(2)} s), bare openai loop ${bare50.wallS.toFixed(2)} s (CPU ${bare50.cpuS.toFixed(2)} s), ideal ${ideal(50).toFixed(2)} s`);
    console.log(`        run/bare ${(run50.wallS / bare50.wallS).toFixed(3)}, run/ideal ${(run50.wallS / ideal(50)).toFixed(3)}, bare/ideal ${(bare50.wallS / ideal(50)).toFixed(3)}; peak RSS ${rssMb} MB; ${run50.total.pass} pass, ${run50.total.fail} fail, ${run50.total.error} error`);

    server = await startServer(root, 200);
    const run200 = await timedRun(base, server.url, 'store-200');
    await server.stop();
    console.log(`200 ms: run ${run200.wallS.toFixed(2)} s, ideal ${ideal(200).toFixed(2)} s, run/ideal ${(run200.wallS / ideal(200)).toFixed(3)}`);

    server = await startServer(root, 50);
    const repeats = await timedRun(base, server.url, 'store-repeats', 5);
    await server.stop();
    console.log(`50 ms, 5 repeats (${5 * N} episodes): run ${repeats.wallS.toFixed(2)} s, ideal ${ideal(50, 5 * N).toFixed(2)} s, run/ideal ${(repeats.wallS / ideal(50, 5 * N)).toFixed(3)}`);

    server = await startServer(root, 50, 0.2);
    const faults = await timedRun(base, server.url, 'store-faults');
    await server.stop();
    console.log(`50 ms, 20% faults (429 with Retry-After, 500; up to 4 retries): run ${faults.wallS.toFixed(2)} s, run/ideal ${(faults.wallS / ideal(50)).toFixed(3)}; ${faults.total.error} error records`);

    const peakRss = peakRssMb();
    console.log(`peak RSS over all cases: ${peakRss} MB`);
    const target = { runOverBare: 1.25, peakRssMb: 200, run200OverIdeal: 1.1 };
    const met = run50.wallS / bare50.wallS <= target.runOverBare && rssMb <= target.peakRssMb && run200.wallS / ideal(200) <= target.run200OverIdeal;
    console.log(
      JSON.stringify({
        bench: 'run',
        examples: N,
        inFlight: IN_FLIGHT,
        run50S: round(run50.wallS),
        bare50S: round(bare50.wallS),
        run50CpuS: round(run50.cpuS),
        bare50CpuS: round(bare50.cpuS),
        ideal50S: round(ideal(50)),
        runOverBare: round(run50.wallS / bare50.wallS, 3),
        run50OverIdeal: round(run50.wallS / ideal(50), 3),
        peakRssMb: rssMb,
        run200S: round(run200.wallS),
        ideal200S: round(ideal(200)),
        run200OverIdeal: round(run200.wallS / ideal(200), 3),
        repeats5S: round(repeats.wallS),
        repeats5OverIdeal: round(repeats.wallS / ideal(50, 5 * N), 3),
        faults20S: round(faults.wallS),
        faults20OverIdeal: round(faults.wallS / ideal(50), 3),
        faults20Errors: faults.total.error,
        peakRssAllMb: peakRss,
        target,
        met,
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
