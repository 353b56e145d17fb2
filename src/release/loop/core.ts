import type { GateResult } from '../../gate/index.js';
import { spentOf, stopRule } from './stop-rules.js';
import type { HoldoutEvaluation, IterationResult, IterationStages, LineResult, RunRef, Spent, StopLimits, VersionHandle } from './types.js';

/**
 * The release loop as a composition of stages that know nothing of each other. The release
 * command calls runReleaseLine with the stages built on the store and git (storedStages); the
 * study (issue 7) should call runReleaseLine too, with stages built in memory (blueprints as
 * objects, the pure gate and diagnosis, no git), so both measure exactly this loop.
 */
export interface LineOptions {
  /** The first iteration's number (iterations are numbered per agent, across releases). */
  first: number;
  limits: StopLimits;
  /** Called after each iteration (the per-iteration line). */
  onIteration?: (result: IterationResult) => void;
  /** Called when a stage starts (progress for people). */
  onStage?: (n: number, stage: string) => void;
}

/** Iterations from `first` until a stop rule fires, then the holdout evaluated once on the version the line ends at. */
export async function runReleaseLine<V extends VersionHandle>(stages: IterationStages<V>, options: LineOptions): Promise<LineResult> {
  const done: IterationResult[] = [];
  for (let n = options.first; ; n++) {
    const { result, after } = await runIteration(stages, n, options.onStage);
    done.push(result);
    options.onIteration?.(result);
    const stop = stopRule(done, options.limits);
    if (stop === undefined) continue;
    const holdout = stages.holdout ? await evaluateHoldout(stages, after, done, options.onStage) : null;
    return { iterations: done, stop, holdout, spent: spentOf(done) };
  }
}

/** One iteration: run → critique → diagnose → synthesize → run the RC → gate → report → record. */
export async function runIteration<V extends VersionHandle>(
  stages: IterationStages<V>,
  n: number,
  onStage: (n: number, stage: string) => void = () => {},
): Promise<{ result: IterationResult; after: V }> {
  const step = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    onStage(n, name);
    return work();
  };
  const version = await step('begin', () => stages.begin(n));
  const baseline = await step('baseline run', () => stages.run(n, 'baseline', version));
  await step('critique', () => stages.critique(n, baseline));
  await step('diagnose', () => stages.diagnose(n, baseline));
  const made = await step('synthesize', () => stages.synthesize(n, version));
  if (made.kind !== 'candidate') {
    const outcome = { gate: null, reason: made.reason };
    await step('report', () => stages.report(n, outcome));
    const after = await step('record', () => stages.record(n, outcome));
    const spent = await stages.spent(n);
    return { result: withoutCandidate(n, made.kind === 'no-target', made.reason, version, after, baseline, spent), after };
  }
  const rc = await step('candidate run', () => stages.run(n, 'candidate', made.candidate));
  const gate = await step('gate', () => stages.gate(n, { version, candidate: made.candidate, baseline, rc }));
  await step('report', () => stages.report(n, { gate }));
  const after = await step('record', () => stages.record(n, { gate }));
  const spent = await stages.spent(n);
  return { result: gated(n, gate, version, after, baseline, rc, spent), after };
}

async function evaluateHoldout<V extends VersionHandle>(stages: IterationStages<V>, version: V, done: IterationResult[], onStage?: (n: number, stage: string) => void): Promise<HoldoutEvaluation> {
  const after = done[done.length - 1]!.n;
  onStage?.(after, 'holdout evaluation');
  const run = await stages.holdout!(version, after);
  return { runId: run.runId, version: version.label, passRate: run.passRate.holdout, start: done[0]!.passRate.baseline.holdout };
}

function withoutCandidate(n: number, noTarget: boolean, reason: string, from: VersionHandle, to: VersionHandle, baseline: RunRef, spent: Spent): IterationResult {
  return {
    n,
    decision: 'no-candidate',
    reason,
    noTarget,
    from: from.label,
    to: to.label,
    p2f: null,
    f2p: null,
    flaky: null,
    pValue: null,
    level: null,
    failedRules: [],
    holdoutDrop: null,
    passRate: { baseline: baseline.passRate, candidate: null },
    runs: { baseline: baseline.runId, candidate: null },
    spent,
  };
}

function gated(n: number, gate: GateResult, from: VersionHandle, to: VersionHandle, baseline: RunRef, rc: RunRef, spent: Spent): IterationResult {
  return {
    n,
    decision: gate.decision,
    noTarget: false,
    from: from.label,
    to: to.label,
    p2f: gate.counts.p2f,
    f2p: gate.counts.f2p,
    flaky: gate.counts.flaky,
    pValue: gate.budget ? gate.budget.pValue : Number.isFinite(gate.pValue) ? gate.pValue : null,
    level: gate.budget?.level ?? null,
    failedRules: gate.reasons.filter((r) => !r.passed).map((r) => r.rule),
    holdoutDrop: gate.rates.holdoutDrop,
    passRate: { baseline: baseline.passRate, candidate: rc.passRate },
    runs: { baseline: baseline.runId, candidate: rc.runId },
    spent,
  };
}
