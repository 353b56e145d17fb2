import { describe, expect, it } from 'vitest';
import { gatePolicySchema, type GatePolicy } from '../../src/config/index.js';
import { decide, outcomesOf, type GateRecord, type GateResult } from '../../src/gate/index.js';
import { runReleaseLine, type IterationStages, type StopLimits } from '../../src/release/loop/index.js';

/**
 * The loop's composition and stop rules, driven as a study would drive them: stages in memory,
 * no store and no git, the pure gate deciding. A version is a set of passing examples; each
 * iteration's plan says what its candidate changes.
 */
interface Version {
  label: string;
  number: number;
  passes: ReadonlySet<string>;
}

interface Plan {
  kind?: 'candidate' | 'no-target' | 'no-candidate';
  /** Dev examples the candidate fixes / breaks, holdout examples it breaks. */
  fixes?: number;
  breaks?: number;
  holdoutBreaks?: number;
  calls?: number;
}

const DEV = Array.from({ length: 20 }, (_, i) => `s/d${i}`);
const HOLDOUT = Array.from({ length: 10 }, (_, i) => `s/h${i}`);

function recordsOf(version: Version): GateRecord[] {
  return [...DEV, ...HOLDOUT].map((key) => ({ suite: 's', exampleId: key.slice(2), split: key.startsWith('s/h') ? 'holdout' : 'dev', tags: [], status: version.passes.has(key) ? 'pass' : 'fail' }));
}

function passRate(version: Version, keys: string[]): number {
  return keys.filter((k) => version.passes.has(k)).length / keys.length;
}

function memoryStages(plans: Plan[], policy: GatePolicy) {
  const calls: string[] = [];
  const v0: Version = { label: 'v0', number: 0, passes: new Set([...DEV.slice(0, 8), ...HOLDOUT.slice(0, 8)]) };
  let current = v0;
  const candidates = new Map<number, Version>();
  const gates = new Map<number, GateResult>();
  const plan = (n: number) => plans[n - 1] ?? {};
  const run = (v: Version) => ({ runId: `run-${v.label}`, passRate: { dev: passRate(v, DEV), holdout: passRate(v, HOLDOUT) } });
  const stages: IterationStages<Version> = {
    async begin(n) {
      calls.push(`${n}:begin`);
      return current;
    },
    async run(n, side, version) {
      calls.push(`${n}:run ${side}`);
      return run(version);
    },
    async critique(n) {
      calls.push(`${n}:critique`);
    },
    async diagnose(n) {
      calls.push(`${n}:diagnose`);
    },
    async synthesize(n, version) {
      calls.push(`${n}:synthesize`);
      const p = plan(n);
      if (p.kind === 'no-target') return { kind: 'no-target', reason: 'no failing dev record: nothing to fix' };
      if (p.kind === 'no-candidate') return { kind: 'no-candidate', reason: 'no valid patch in 3 attempts' };
      const passes = new Set(version.passes);
      DEV.filter((k) => !passes.has(k)).slice(0, p.fixes ?? 2).forEach((k) => passes.add(k));
      DEV.filter((k) => version.passes.has(k)).slice(0, p.breaks ?? 0).forEach((k) => passes.delete(k));
      HOLDOUT.filter((k) => version.passes.has(k)).slice(0, p.holdoutBreaks ?? 0).forEach((k) => passes.delete(k));
      const candidate = { label: `rc-${n}`, number: version.number + 1, passes };
      candidates.set(n, candidate);
      return { kind: 'candidate', candidate };
    },
    async gate(n, { version, candidate }) {
      calls.push(`${n}:gate`);
      const result = decide({ policy, baseline: outcomesOf(recordsOf(version)), candidate: outcomesOf(recordsOf(candidate)) });
      gates.set(n, result);
      return result;
    },
    async report(n) {
      calls.push(`${n}:report`);
    },
    async record(n, { gate }) {
      calls.push(`${n}:record ${gate?.decision ?? 'no-candidate'}`);
      if (gate?.decision === 'accept') current = { ...candidates.get(n)!, label: `v${current.number + 1}` };
      return current;
    },
    async spent(n) {
      return { calls: plan(n).calls ?? 10, tokens: 100 };
    },
    async holdout(version, after) {
      calls.push(`holdout ${version.label} after ${after}`);
      return run(version);
    },
  };
  return { stages, calls, gates };
}

const limits = (changes: Partial<StopLimits> = {}): StopLimits => ({ iterations: 3, maxConsecutiveRejections: 3, budget: {}, maxHoldoutDrop: 0.02, ...changes });
const flips = gatePolicySchema.parse({ confirmRuns: 0, minIntentAlignment: 0 });

describe('the release loop as a composition of stages (in memory, as the study runs it)', () => {
  it('runs the stages of each iteration in order, stops after N iterations and evaluates the holdout once, on the final version', async () => {
    const { stages, calls } = memoryStages([{}, {}, {}], flips);
    const lines: string[] = [];
    const result = await runReleaseLine(stages, { first: 4, limits: limits(), onIteration: (r) => lines.push(`${r.n} ${r.from}→${r.to} ${r.decision}`) });
    expect(lines).toEqual(['4 v0→v1 accept', '5 v1→v2 accept', '6 v2→v3 accept']);
    expect(calls.filter((c) => c.startsWith('4:'))).toEqual(['4:begin', '4:run baseline', '4:critique', '4:diagnose', '4:synthesize', '4:run candidate', '4:gate', '4:report', '4:record accept']);
    expect(calls.filter((c) => c.startsWith('holdout'))).toEqual(['holdout v3 after 6']);
    expect(result.stop).toMatchObject({ rule: 'iterations', observed: 3, threshold: 3 });
    expect(result.iterations[0]).toMatchObject({ p2f: 0, f2p: 2, passRate: { baseline: { dev: 0.4 }, candidate: { dev: 0.5 } }, failedRules: [] });
    expect(result.holdout).toMatchObject({ version: 'v3', passRate: 0.8, start: 0.8 });
    expect(result.spent).toEqual({ calls: 30, tokens: 300 });
  });

  it('stops after K consecutive iterations that make no version (rejections and no candidate alike), and an accept resets the count', async () => {
    const { stages } = memoryStages([{ breaks: 3 }, {}, { breaks: 2 }, { kind: 'no-candidate' }, { breaks: 1 }, {}], flips);
    const result = await runReleaseLine(stages, { first: 1, limits: limits({ iterations: 10, maxConsecutiveRejections: 3 }) });
    expect(result.iterations.map((r) => r.decision)).toEqual(['reject', 'accept', 'reject', 'no-candidate', 'reject']);
    expect(result.iterations[0]!.failedRules).toContain('max-p2f-rate');
    expect(result.stop).toMatchObject({ rule: 'consecutive-rejections', observed: 3, threshold: 3 });
  });

  it('stops at once when the diagnosis finds no actionable symptom, after recording that iteration', async () => {
    const { stages, calls } = memoryStages([{}, { kind: 'no-target' }, {}], flips);
    const result = await runReleaseLine(stages, { first: 1, limits: limits({ iterations: 5 }) });
    expect(result.iterations.map((r) => [r.decision, r.noTarget])).toEqual([['accept', false], ['no-candidate', true]]);
    expect(calls).toContain('2:record no-candidate');
    expect(calls).not.toContain('2:run candidate');
    expect(result.stop).toMatchObject({ rule: 'no-actionable-symptom' });
    expect(result.stop.message).toContain('nothing to fix');
    expect(result.holdout?.version).toBe('v1');
  });

  it('stops when the fresh model calls or tokens of the release reach the budget (an iteration is never cut halfway)', async () => {
    const byCalls = await runReleaseLine(memoryStages([{ calls: 50 }, { calls: 50 }, { calls: 50 }, {}], flips).stages, { first: 1, limits: limits({ iterations: 10, budget: { calls: 120 } }) });
    expect(byCalls.iterations).toHaveLength(3);
    expect(byCalls.stop).toMatchObject({ rule: 'budget', observed: 150, threshold: 120 });
    const byTokens = await runReleaseLine(memoryStages([{}, {}, {}], flips).stages, { first: 1, limits: limits({ iterations: 10, budget: { tokens: 200 } }) });
    expect(byTokens.iterations).toHaveLength(2);
    expect(byTokens.stop).toMatchObject({ rule: 'budget', observed: 200, threshold: 200 });
  });

  it('stops when the accepted versions together lose more of the holdout than the gate allows one candidate', async () => {
    // No gate (mode always): every candidate is accepted, each losing one of 10 holdout examples.
    const always = gatePolicySchema.parse({ mode: 'always' });
    const { stages } = memoryStages([{ holdoutBreaks: 1 }, { holdoutBreaks: 1 }, { holdoutBreaks: 1 }], always);
    const result = await runReleaseLine(stages, { first: 1, limits: limits({ iterations: 5, maxHoldoutDrop: 0.15 }) });
    expect(result.iterations.map((r) => [r.decision, r.holdoutDrop])).toEqual([['accept', 0.1], ['accept', 0.1]]);
    expect(result.stop).toMatchObject({ rule: 'holdout-drop', threshold: 0.15 });
    expect(result.stop.observed).toBeCloseTo(0.2);
    // A rejected candidate's holdout loss never counts: the line did not take it.
    const rejected = await runReleaseLine(memoryStages([{ breaks: 5, holdoutBreaks: 3 }, { breaks: 5, holdoutBreaks: 3 }], flips).stages, { first: 1, limits: limits({ iterations: 2, maxHoldoutDrop: 0.15 }) });
    expect(rejected.stop.rule).toBe('iterations');
  });
});
