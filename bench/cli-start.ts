/**
 * `npm run bench:cli`: how long the built CLI takes to print its help, in fresh processes, as
 * hyperfine would time it: warm-up runs, then RUNS timed runs of each command line, median and
 * 90th percentile; `node -e ''` alongside as the floor that Node itself costs. Then which
 * modules `--help` loads (a resolve hook): only the CLI shell, core and commander should.
 */
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 30);
const WARMUP = 3;
const TARGET_MS = 300;
const bin = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
const dist = pathToFileURL(fileURLToPath(new URL('../../', import.meta.url))).href;

async function timeRuns(args: string[]): Promise<{ medianMs: number; p90Ms: number; minMs: number }> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    const { exitCode } = await execa(process.execPath, args, { reject: false, stdout: 'ignore', stderr: 'ignore' });
    const ms = performance.now() - started;
    if (exitCode !== 0) throw new Error(`node ${args.join(' ')} exited with ${exitCode}`);
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { medianMs: round(at(0.5)), p90Ms: round(at(0.9)), minMs: round(times[0] as number) };
}

/** The project's own modules and packages that `--help` loads, by a resolve hook registered with --import. */
async function loadedModules(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'agentdevel-bench-cli-'));
  try {
    await writeFile(join(dir, 'hooks.mjs'), `export async function resolve(s, c, next) { const r = await next(s, c); if (!r.url.startsWith('node:')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }\n`);
    await writeFile(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
    const { stderr } = await execa(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, bin, '--help']);
    const urls = stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
    return [...new Set(urls.map((url) => (url.includes('/node_modules/') ? `package:${url.split('/node_modules/')[1]!.split('/')[0]}` : url.replace(dist, 'dist/'))))].sort();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Number(x.toFixed(1));

const loadBefore = loadavg().map((x) => round(x));
const node = await timeRuns(['-e', '']);
const help = await timeRuns([bin, '--help']);
const commandHelp = await timeRuns([bin, 'run', '--help']);
const version = await timeRuns([bin, '--version']);
const modules = await loadedModules();
const loadAfter = loadavg().map((x) => round(x));
// Only the CLI shell, core and commander: any stage module here is an import to make lazy.
const unexpected = modules.filter((m) => !/^dist\/(cli\/(bin|main|commands|context|report-error)|core\/(errors|log|secrets))\.js$/.test(m) && m !== 'package:commander');

const figures = {
  runs: RUNS,
  helpMedianMs: help.medianMs,
  helpP90Ms: help.p90Ms,
  helpMinMs: help.minMs,
  helpToTarget: round((help.medianMs / TARGET_MS) * 100) / 100,
  runHelpMedianMs: commandHelp.medianMs,
  versionMedianMs: version.medianMs,
  nodeFloorMedianMs: node.medianMs,
  cliOverNodeMs: round(help.medianMs - node.medianMs),
  modulesLoaded: modules.length,
  unexpectedModules: unexpected,
  loadavgBefore: loadBefore,
  loadavgAfter: loadAfter,
};
const target = { helpMedianMs: TARGET_MS, helpP90Ms: TARGET_MS, unexpectedModules: 0 };
const met = help.medianMs < TARGET_MS && help.p90Ms < TARGET_MS && unexpected.length === 0;

console.error(`CLI start-up: ${RUNS} timed runs each (after ${WARMUP} warm-up runs), fresh processes; load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`);
console.error(`  agentdevel --help:      median ${help.medianMs} ms, p90 ${help.p90Ms} ms, min ${help.minMs} ms (${figures.helpToTarget} x the ${TARGET_MS} ms target)`);
console.error(`  agentdevel run --help:  median ${commandHelp.medianMs} ms`);
console.error(`  agentdevel --version:   median ${version.medianMs} ms`);
console.error(`  node -e '' (the floor): median ${node.medianMs} ms; the CLI adds ${figures.cliOverNodeMs} ms`);
console.error(`  modules loaded by --help: ${modules.join(', ')}${unexpected.length > 0 ? `; to make lazy: ${unexpected.join(', ')}` : ''}`);
console.log(JSON.stringify({ bench: 'cli-start', ...figures, target, met }));
if (!met) process.exitCode = 1;
