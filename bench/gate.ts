/**
 * `npm run bench:gate`: the gate over 100,000 examples × 3 repeats of generated records
 * (bench/gate-world.ts), called as the release loop calls it: both runs streamed into outcomes,
 * the flips to confirm listed, their reruns (3 per side) reduced, and the decision made with the
 * baseline critiques, an intent, must-pass tags and a flaky memory. Target: under 2 s and
 * 500 MB peak RSS.
 *
 * Records are generated while they stream in, as a reader would parse them, so the same
 * generation is also run alone and subtracted: the gate's own time. Each figure is the best of
 * ROUNDS. Time is given as wall and as CPU: on a shared machine the wall clock measures the other
 * processes too, so the target is checked on CPU time (the same as wall on an idle machine, the
 * gate being single-threaded); the load average is printed. The ideal is a bare loop counting
 * records into one Map by `suite/id`: the least any reducer does.
 *
 * The other half of the benchmark, report rendering for 10,000 flips under 1 s, belongs
 * to src/report: it can render `result` (about 10,000 flips) and add its own figures here.
 */
import { loadavg } from 'node:os';
import { comparisonPolicy, decide, flipsToConfirm, outcomesOf, type FlakyMemory, type GateResult } from '../src/gate/index.js';
import { baselineCritiques, rerunRecords, runRecords } from './gate-world.js';

const EXAMPLES = Number(process.env.BENCH_GATE_EXAMPLES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_GATE_ROUNDS ?? 3);
const REPEATS = 3;
const target = { gateMs: 2000, peakRssMB: 500 };
const round1 = (x: number) => Math.round(x * 10) / 10;

interface Spent { wallMs: number; cpuMs: number }
function measure<T>(step: () => T): [T, Spent] {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = step();
  const used = process.cpuUsage(cpu);
  return [value, { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 }];
}
const minus = (a: Spent, b: Spent): Spent => ({ wallMs: a.wallMs - b.wallMs, cpuMs: a.cpuMs - b.cpuMs });
const best = (runs: Spent[]): Spent => runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));

const policy = comparisonPolicy('default', { mustPass: ['tag:policy'], maxP2FRate: 0.05 });
const flakyMemory: FlakyMemory = { schemaVersion: 1, examples: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`support/ex-${i * 4}`, { stableRuns: 1 }])) };
const intent = { targets: ['wrong-tool', 'gave-up'] };

/** Everything the caller generates: both runs, the reruns of `keys`, the critiques; consumed and dropped. */
function generateOnly(keys: readonly string[]): number {
  let seen = 0;
  for (const side of ['baseline', 'candidate'] as const) {
    for (const record of runRecords(EXAMPLES, side, REPEATS)) seen += record.repeat >= 0 ? 1 : 0;
    for (const record of rerunRecords(keys, side, REPEATS, policy.confirmRuns)) seen += record.repeat >= 0 ? 1 : 0;
  }
  for (const critique of baselineCritiques(EXAMPLES, REPEATS)) seen += critique.symptoms.length > 0 ? 0 : 1;
  return seen;
}

function gate(): { result: GateResult; keys: string[]; records: number } {
  const baseline = outcomesOf(runRecords(EXAMPLES, 'baseline', REPEATS));
  const candidate = outcomesOf(runRecords(EXAMPLES, 'candidate', REPEATS));
  const keys = flipsToConfirm(baseline, candidate, policy);
  const confirmations = {
    baseline: outcomesOf(rerunRecords(keys, 'baseline', REPEATS, policy.confirmRuns)),
    candidate: outcomesOf(rerunRecords(keys, 'candidate', REPEATS, policy.confirmRuns)),
  };
  const result = decide({ policy, baseline, candidate, confirmations, critiques: baselineCritiques(EXAMPLES, REPEATS), intent, flakyMemory });
  return { result, keys, records: baseline.records + candidate.records + confirmations.baseline.records + confirmations.candidate.records };
}

/** The ideal: count both runs' records into one Map keyed `suite/id`, nothing else. */
function bareReduce(): number {
  const counts = new Map<string, { pass: number; fail: number; error: number }>();
  for (const side of ['baseline', 'candidate'] as const) {
    for (const record of runRecords(EXAMPLES, side, REPEATS)) {
      const key = `${side}/${record.suite}/${record.exampleId}`;
      let entry = counts.get(key);
      if (entry === undefined) counts.set(key, (entry = { pass: 0, fail: 0, error: 0 }));
      entry[record.status]++;
    }
  }
  return counts.size;
}

let last: ReturnType<typeof gate> | undefined;
const gateRuns: Spent[] = [];
const generationRuns: Spent[] = [];
const bareRuns: Spent[] = [];
const runsOnlyRuns: Spent[] = [];
let peakRssMB = 0;
for (let round = 0; round < ROUNDS; round++) {
  const [run, spent] = measure(gate);
  last = run;
  gateRuns.push(spent);
  // The process's peak after the first gate: later rounds only add the garbage of earlier ones.
  if (round === 0) peakRssMB = process.resourceUsage().maxRSS / 1024;
  generationRuns.push(measure(() => generateOnly(run.keys))[1]);
  bareRuns.push(measure(bareReduce)[1]);
  runsOnlyRuns.push(measure(() => generateOnly([]) - [...baselineCritiques(EXAMPLES, REPEATS)].length)[1]);
}
const { result, keys, records } = last!;
const gateOwn = minus(best(gateRuns), best(generationRuns));
// The bare loop streams the two runs only; so does runsOnly (generation, plus building the critiques list once).
const bareOwn = minus(best(bareRuns), best(runsOnlyRuns));

const figures = {
  examples: EXAMPLES,
  repeats: REPEATS,
  records,
  observedFlips: result.flips.length,
  confirmedKeys: keys.length,
  confirmedP2F: result.counts.p2f,
  confirmedF2P: result.counts.f2p,
  flaky: result.counts.flaky,
  decision: result.decision,
  gateCpuMs: round1(gateOwn.cpuMs),
  gateWallMs: round1(gateOwn.wallMs),
  withGenerationCpuMs: round1(best(gateRuns).cpuMs),
  withGenerationWallMs: round1(best(gateRuns).wallMs),
  generationCpuMs: round1(best(generationRuns).cpuMs),
  bareReduceCpuMs: round1(bareOwn.cpuMs),
  gateToBare: Number((gateOwn.cpuMs / Math.max(1, bareOwn.cpuMs)).toFixed(2)),
  gateToTarget: Number((gateOwn.cpuMs / target.gateMs).toFixed(3)),
  peakRssMB: round1(peakRssMB),
  rssToTarget: Number((peakRssMB / target.peakRssMB).toFixed(3)),
  loadAverage: Number(loadavg()[0]!.toFixed(1)),
  rounds: ROUNDS,
};
const met = gateOwn.cpuMs < target.gateMs && peakRssMB < target.peakRssMB && result.flips.length > 0;

console.error(`gate over ${EXAMPLES} examples x ${REPEATS} repeats: ${records} records (${keys.length} flips rerun ${policy.confirmRuns} times per side), best of ${ROUNDS} rounds, load average ${figures.loadAverage}`);
console.error(`  the gate alone: ${figures.gateCpuMs} ms CPU (${figures.gateToTarget} x the ${target.gateMs} ms target), ${figures.gateWallMs} ms wall`);
console.error(`  with the records generated as they stream: ${figures.withGenerationCpuMs} ms CPU, ${figures.withGenerationWallMs} ms wall (generation alone ${figures.generationCpuMs} ms CPU)`);
console.error(`  ideal, a bare Map count of both runs: ${figures.bareReduceCpuMs} ms CPU; the whole gate is ${figures.gateToBare} x that`);
console.error(`  peak RSS ${figures.peakRssMB} MB (${figures.rssToTarget} x the ${target.peakRssMB} MB target)`);
console.error(`  ${result.flips.length} observed flips: ${result.counts.p2f} P→F and ${result.counts.f2p} F→P confirmed, ${result.counts.flaky} flaky; decision ${result.decision}`);
console.log(JSON.stringify({ bench: 'gate', ...figures, target, met }));
if (!met) process.exitCode = 1;
