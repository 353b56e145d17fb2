/**
 * `npm run bench:study`: the study at the size the issue sets — 50 release lines × 10
 * iterations × the 4 built-in policies on the default world (flaky share 0.08, re-roll rate
 * 0.03) with 2 jobs — run through the built CLI in a temp copy of the shipped agents, suites and
 * gates. Target: under 5 minutes of wall time on 2 cores. Prints the time, the CPU time (all
 * threads), the machine's load (other processes share these cores), model calls per iteration,
 * the ratio to the target, and one JSON line.
 */
import { execa } from 'execa';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StudyDocument } from '../src/study/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/bin.js');
const LINES = Number(process.env.BENCH_STUDY_LINES ?? 50);
const ITERATIONS = 10;
const JOBS = 2;
const TARGET_SECONDS = 300;

const dir = await mkdtemp(join(tmpdir(), 'agentdevel-bench-study-'));
try {
  for (const folder of ['agents', 'specs', 'gates']) await cp(join(ROOT, folder), join(dir, folder), { recursive: true });
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const run = await execa(process.execPath, [CLI, 'study', '--lines', String(LINES), '--iterations', String(ITERATIONS), '--jobs', String(JOBS), '--flaky', '0.08', '--reroll', '0.03', '--json', '--quiet'], { cwd: dir, reject: false });
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg()[0]!;
  if (run.exitCode !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`agentdevel study exited with ${run.exitCode}`);
  }
  const doc = JSON.parse(run.stdout) as StudyDocument;
  const t = doc.timing;
  const perIteration = t.callsSpent / t.policyIterations;
  const madePerIteration = t.callsMade / t.policyIterations;
  const met = seconds < TARGET_SECONDS;
  console.log(`study: ${LINES} lines × ${ITERATIONS} iterations × ${doc.policies.length} policies on the default world (simulated), ${JOBS} jobs`);
  console.log(`  wall ${seconds.toFixed(1)} s (study ${t.seconds.toFixed(1)} s), CPU ${t.cpuSeconds.toFixed(1)} s over every thread; ${(t.cpuSeconds / JOBS).toFixed(1)} s of it per job`);
  console.log(`  load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other processes on these cores slow the wall time)`);
  console.log(`  ${t.policyIterations} iterations; model calls per iteration ${perIteration.toFixed(1)} as each policy spends them, ${madePerIteration.toFixed(1)} made (work shared between policies once)`);
  console.log(`  target < ${TARGET_SECONDS} s: ratio ${(seconds / TARGET_SECONDS).toFixed(2)} ${met ? '(met)' : '(not met)'}`);
  console.log(
    JSON.stringify({
      bench: 'study',
      lines: LINES,
      iterations: ITERATIONS,
      policies: doc.policies.length,
      jobs: JOBS,
      seconds: round(seconds),
      cpuSeconds: round(t.cpuSeconds),
      policyIterations: t.policyIterations,
      callsPerIteration: round(perIteration),
      callsMadePerIteration: round(madePerIteration),
      loadAverage: round(Math.max(loadBefore, loadAfter)),
      ratio: round(seconds / TARGET_SECONDS),
      target: { seconds: TARGET_SECONDS },
      met,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
