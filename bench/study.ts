/**
 * `npm run bench:study`: the default study command (`agentdevel study`: 20 release lines × 10
 * iterations per noise level and policy, the default noise levels, 2 jobs), run through the built
 * CLI in a temp copy of the shipped agents, suites and gates, then its JSON checked against the
 * targets of the net-benefit default gate (simulated world, world parameters unchanged):
 * - default noise (flaky share 0.08, re-roll 0.03): final true holdout ≥ 76%, share of lines
 *   with at least one bad release ≤ 5%, regressions shipped per line ≤ 5, model calls per line
 *   ≤ 4,089 (the strict gate's, before sequential confirmation);
 * - re-roll 0: the default's final true holdout best or within 1 point of the best policy, with
 *   0 regressions shipped.
 * Prints each figure beside its target, the same figures for every policy, the time, and one
 * JSON line. BENCH_STUDY_LINES changes the lines per level (the targets are for 20).
 */
import { execa } from 'execa';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StudyDocument } from '../src/study/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/bin.js');
const LINES = Number(process.env.BENCH_STUDY_LINES ?? 20);
const TARGET = { holdout: 0.76, linesWithBadRelease: 0.05, regressionsShipped: 5, callsPerLine: 4089, rerollZeroGap: 0.01, rerollZeroRegressions: 0 };

const dir = await mkdtemp(join(tmpdir(), 'agentdevel-bench-study-'));
try {
  for (const folder of ['agents', 'specs', 'gates']) await cp(join(ROOT, folder), join(dir, folder), { recursive: true });
  const started = performance.now();
  const run = await execa(process.execPath, [CLI, 'study', '--lines', String(LINES), '--json', '--quiet'], { cwd: dir, reject: false });
  const seconds = (performance.now() - started) / 1000;
  if (run.exitCode !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`agentdevel study exited with ${run.exitCode}`);
  }
  const doc = JSON.parse(run.stdout) as StudyDocument;
  const level = (flakyShare: number, rerollRate: number) => doc.levels.findIndex((l) => l.flakyShare === flakyShare && l.rerollRate === rerollRate);
  const centre = level(0.08, 0.03);
  const rerollZero = level(0.08, 0);
  const row = (lvl: number, policy: string) => doc.summary.find((r) => r.level === lvl && r.policy === policy)!;
  const mean = (lvl: number, policy: string, key: keyof ReturnType<typeof row>['metrics']) => row(lvl, policy).metrics[key].mean ?? Number.NaN;

  const figures = {
    holdout: mean(centre, 'default', 'trueHoldout'),
    linesWithBadRelease: mean(centre, 'default', 'linesWithBadRelease'),
    regressionsShipped: mean(centre, 'default', 'regressionsShipped'),
    namedRegressions: mean(centre, 'default', 'acceptedRegressions'),
    unnamedShipped: mean(centre, 'default', 'unnamedShipped'),
    callsPerLine: mean(centre, 'default', 'calls'),
    callsPerIteration: mean(centre, 'default', 'callsPerIteration'),
    noneHoldout: mean(centre, 'none', 'trueHoldout'),
    strictHoldout: mean(centre, 'strict', 'trueHoldout'),
    noHistoryHoldout: mean(centre, 'default/no-history', 'trueHoldout'),
    rerollZeroHoldout: mean(rerollZero, 'default', 'trueHoldout'),
    rerollZeroBest: Math.max(...doc.policies.map((p) => mean(rerollZero, p.name, 'trueHoldout'))),
    rerollZeroRegressions: mean(rerollZero, 'default', 'regressionsShipped'),
  };
  const checks = {
    holdout: figures.holdout >= TARGET.holdout,
    linesWithBadRelease: figures.linesWithBadRelease <= TARGET.linesWithBadRelease,
    regressionsShipped: figures.regressionsShipped <= TARGET.regressionsShipped,
    callsPerLine: figures.callsPerLine <= TARGET.callsPerLine,
    rerollZeroHoldout: figures.rerollZeroHoldout >= figures.rerollZeroBest - TARGET.rerollZeroGap,
    rerollZeroRegressions: figures.rerollZeroRegressions <= TARGET.rerollZeroRegressions,
  };
  const met = Object.values(checks).every(Boolean);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`study: ${LINES} lines × ${doc.iterations} iterations × ${doc.policies.length} policies × ${doc.levels.length} noise levels (simulated world), ${seconds.toFixed(0)} s`);
  console.log(`default noise, net-benefit default gate (engineer shown the refused candidates):`);
  console.log(`  true holdout ${pct(figures.holdout)} (target ≥ ${pct(TARGET.holdout)}; none ${pct(figures.noneHoldout)}, strict ${pct(figures.strictHoldout)}, default without history ${pct(figures.noHistoryHoldout)}; ratio to none ${(figures.holdout / figures.noneHoldout).toFixed(3)}) ${mark(checks.holdout)}`);
  console.log(`  lines with a bad release ${pct(figures.linesWithBadRelease)} (target ≤ ${pct(TARGET.linesWithBadRelease)}) ${mark(checks.linesWithBadRelease)}`);
  console.log(`  regressions shipped per line ${figures.regressionsShipped.toFixed(2)} (target ≤ ${TARGET.regressionsShipped}): ${figures.namedRegressions.toFixed(2)} named by the gate in the ledger, ${figures.unnamedShipped.toFixed(2)} by no ledger line (docs/study.md says which and why) ${mark(checks.regressionsShipped)}`);
  console.log(`  model calls per line ${figures.callsPerLine.toFixed(0)} (${figures.callsPerIteration.toFixed(0)} per iteration; target ≤ ${TARGET.callsPerLine}) ${mark(checks.callsPerLine)}`);
  console.log(`re-roll 0: default true holdout ${pct(figures.rerollZeroHoldout)}, best policy ${pct(figures.rerollZeroBest)} (target within ${pct(TARGET.rerollZeroGap)}) ${mark(checks.rerollZeroHoldout)}; regressions shipped ${figures.rerollZeroRegressions.toFixed(2)} (target 0) ${mark(checks.rerollZeroRegressions)}`);
  console.log(JSON.stringify({ bench: 'study', lines: LINES, iterations: doc.iterations, policies: doc.policies.length, levels: doc.levels.length, seconds: round(seconds), ...mapValues(figures, round), checks, target: TARGET, met }));
} finally {
  await rm(dir, { recursive: true, force: true });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function mapValues<T extends Record<string, number>>(values: T, f: (x: number) => number): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, f(v)])) as T;
}
