import { classifyFlip, verdictOf, type Outcomes } from '../gate/index.js';
import type { IterationDecision } from '../release/loop/index.js';
import type { TruthVersion, VersionTruth } from './truth.js';

/**
 * A candidate is *good* when its true pass rate over every annotated example (dev and holdout)
 * beats its parent's by more than this: one percentage point, about one example of the shipped
 * 74-example suite turning from always failing to always passing. Smaller true gains are within
 * what a re-rolled example or a flaky one's q moves, and rejecting them is no loss worth counting.
 */
export const GOOD_EPSILON = 0.01;
/** True probabilities are 0, 1 or a flaky example's q: anything below this is float noise, not a change. */
const TOLERANCE = 1e-9;

/** What the accounting needs to know of one iteration of a policy's line. */
export interface AccountStep {
  n: number;
  decision: IterationDecision;
  parent: TruthVersion;
  candidate: TruthVersion | null;
  /** Observed flips of the paired runs the gate compared (first samples, before confirmation), both splits. */
  observed: ObservedFlips | null;
  /** The gate's rules the candidate did not meet. */
  failedRules: readonly string[];
  /** The regressions the gate named when it promoted (`suite/id`). */
  acceptedRegressions: readonly string[];
}

export interface ObservedFlips {
  p2f: number;
  /** Examples the baseline's run passed: the P→F rate's denominator. */
  baselinePasses: number;
}

export interface StepAccount {
  n: number;
  decision: IterationDecision;
  /** The candidate's true pass rate minus its parent's, per split and over all examples; null without a candidate. */
  trueChange: { dev: number | null; holdout: number | null; all: number | null } | null;
  /** Examples whose true pass probability is lower (higher) under the candidate than under its parent. */
  regressions: number;
  /** Of those, on a promotion, the ones the gate did not name as accepted regressions. */
  unnamedRegressions: number;
  fixes: number;
  /** Why the regressions happened: the candidate's prompt re-rolled the example, or an over-broad rule breaks it (else other). */
  regressionCauses: Record<RegressionCause, number>;
  good: boolean;
  observed: ObservedFlips | null;
  failedRules: readonly string[];
}

export type RegressionCause = 'reroll' | 'broad' | 'other';

export interface LineAccount {
  steps: StepAccount[];
  /** True pass rates of the version the line started from and of the one it ended with. */
  start: { dev: number | null; holdout: number | null };
  final: { dev: number | null; holdout: number | null };
  candidates: number;
  promotions: number;
  rejections: number;
  inconclusive: number;
  noCandidate: number;
  /** Over promotions: examples that truly got worse (a regression shipped), summed. */
  regressionsShipped: number;
  /** Of those, the ones the gate did not name (no ledger line says they shipped). */
  unnamedShipped: number;
  /** Regressions the gate named when promoting (confirmed P→F it let through), summed. */
  acceptedRegressions: number;
  fixesShipped: number;
  /** Promotions whose true holdout pass rate is lower than their parent's. */
  badReleases: number;
  /** Rejected or inconclusive candidates that were good (see GOOD_EPSILON). */
  wronglyRejected: number;
  /** Of those, the ones that broke no example at all. */
  wronglyRejectedClean: number;
  /** Observed P→F over observed baseline passes, pooled over the promotions; null without a promotion. */
  observedP2FRate: number | null;
  /** Why: refused candidates per gate rule they failed, and the causes of the regressions shipped and of those in good candidates refused. */
  refusedBy: Record<string, number>;
  shippedCauses: Record<RegressionCause, number>;
  refusedGoodCauses: Record<RegressionCause, number>;
}

/** The ground-truth account of one policy's line: every number from the world's truth, except the observed P→F rate. */
export function accountLine(steps: readonly AccountStep[], ends: { start: TruthVersion; final: TruthVersion }, truth: (version: TruthVersion) => VersionTruth): LineAccount {
  const accounts = steps.map((step) => accountStep(step, truth));
  const promoted = accounts.filter((s) => s.decision === 'accept' && s.trueChange !== null);
  const refused = accounts.filter((s) => (s.decision === 'reject' || s.decision === 'inconclusive') && s.trueChange !== null);
  const flips = promoted.reduce((sum, s) => ({ p2f: sum.p2f + (s.observed?.p2f ?? 0), passes: sum.passes + (s.observed?.baselinePasses ?? 0) }), { p2f: 0, passes: 0 });
  const start = truth(ends.start);
  const final = truth(ends.final);
  return {
    steps: accounts,
    start: { dev: start.dev, holdout: start.holdout },
    final: { dev: final.dev, holdout: final.holdout },
    candidates: accounts.filter((s) => s.trueChange !== null).length,
    promotions: promoted.length,
    rejections: accounts.filter((s) => s.decision === 'reject').length,
    inconclusive: accounts.filter((s) => s.decision === 'inconclusive').length,
    noCandidate: accounts.filter((s) => s.decision === 'no-candidate').length,
    regressionsShipped: promoted.reduce((sum, s) => sum + s.regressions, 0),
    unnamedShipped: promoted.reduce((sum, s) => sum + s.unnamedRegressions, 0),
    acceptedRegressions: steps.reduce((sum, s) => sum + (s.decision === 'accept' ? s.acceptedRegressions.length : 0), 0),
    fixesShipped: promoted.reduce((sum, s) => sum + s.fixes, 0),
    badReleases: promoted.filter((s) => (s.trueChange?.holdout ?? 0) < -TOLERANCE).length,
    wronglyRejected: refused.filter((s) => s.good).length,
    wronglyRejectedClean: refused.filter((s) => s.good && s.regressions === 0).length,
    observedP2FRate: promoted.length === 0 || flips.passes === 0 ? null : flips.p2f / flips.passes,
    refusedBy: tally(refused.flatMap((s) => s.failedRules)),
    shippedCauses: causesOf(promoted),
    refusedGoodCauses: causesOf(refused.filter((s) => s.good)),
  };
}

function tally(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

function causesOf(steps: readonly StepAccount[]): Record<RegressionCause, number> {
  const sum: Record<RegressionCause, number> = { reroll: 0, broad: 0, other: 0 };
  for (const s of steps) for (const cause of ['reroll', 'broad', 'other'] as const) sum[cause] += s.regressionCauses[cause];
  return sum;
}

function accountStep(step: AccountStep, truth: (version: TruthVersion) => VersionTruth): StepAccount {
  const base = { n: step.n, decision: step.decision, observed: step.observed, failedRules: step.failedRules };
  const causes: Record<RegressionCause, number> = { reroll: 0, broad: 0, other: 0 };
  if (!step.candidate) return { ...base, trueChange: null, regressions: 0, unnamedRegressions: 0, fixes: 0, regressionCauses: causes, good: false };
  const named = new Set(step.acceptedRegressions);
  let unnamedRegressions = 0;
  const before = truth(step.parent);
  const after = truth(step.candidate);
  let regressions = 0;
  let fixes = 0;
  for (const [key, p] of before.byKey) {
    const q = after.byKey.get(key) ?? p;
    if (q < p - TOLERANCE) {
      regressions++;
      if (!named.has(key)) unnamedRegressions++;
      const example = after.examples.get(key);
      causes[example?.rerolled || before.examples.get(key)?.rerolled ? 'reroll' : example && example.breakers.length > 0 ? 'broad' : 'other']++;
    } else if (q > p + TOLERANCE) fixes++;
  }
  const change = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const all = change(before.all, after.all);
  return { ...base, trueChange: { dev: change(before.dev, after.dev), holdout: change(before.holdout, after.holdout), all }, regressions, unnamedRegressions, fixes, regressionCauses: causes, good: all !== null && all > GOOD_EPSILON };
}

/** Observed flips between two runs' outcomes: examples whose baseline verdict is pass and candidate's fail, over the baseline's passes. */
export function observedFlips(baseline: Outcomes, candidate: Outcomes): ObservedFlips {
  let p2f = 0;
  let baselinePasses = 0;
  for (const [key, before] of baseline.examples) {
    if (verdictOf(before) === 'pass') baselinePasses++;
    if (classifyFlip(before, candidate.examples.get(key)) === 'p2f') p2f++;
  }
  return { p2f, baselinePasses };
}
