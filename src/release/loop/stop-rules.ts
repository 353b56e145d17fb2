import type { IterationResult, Spent, StopLimits, StopReason } from './types.js';

/**
 * Whether the release stops after the iterations so far, and why: checked after every
 * iteration, in this order. An iteration is never cut halfway, so the budget can be overrun by
 * at most one iteration's use.
 * - no actionable symptom: the diagnosis found nothing worth a candidate;
 * - holdout drop: the versions accepted in this release together lost more of the holdout split
 *   (net confirmed holdout regressions, summed over accepted iterations) than the gate policy's
 *   holdout.maxDrop allows one candidate: each passed the gate, yet together they overfit;
 * - budget: fresh model calls or tokens spent by this release reached release.budget;
 * - consecutive rejections: the last K iterations (reject, inconclusive or no candidate) made
 *   no version (release.maxConsecutiveRejections);
 * - iterations: N iterations were run (--iterations, release.iterations).
 */
export function stopRule(done: readonly IterationResult[], limits: StopLimits): StopReason | undefined {
  const last = done[done.length - 1];
  if (!last) return undefined;
  if (last.noTarget) {
    return { rule: 'no-actionable-symptom', message: `no actionable symptom in iteration ${last.n}: ${last.reason ?? 'nothing to target'}`, observed: null, threshold: null };
  }
  const drop = holdoutDropOf(done);
  if (drop > limits.maxHoldoutDrop) {
    return {
      rule: 'holdout-drop',
      message: `the versions accepted in this release lost ${percent(drop)} of the holdout split together (net confirmed regressions), more than the ${percent(limits.maxHoldoutDrop)} the gate allows`,
      observed: drop,
      threshold: limits.maxHoldoutDrop,
    };
  }
  const spent = spentOf(done);
  const { calls, tokens } = limits.budget;
  if (calls !== undefined && spent.calls >= calls) {
    return { rule: 'budget', message: `the model-call budget is spent: ${spent.calls} of ${calls} calls`, observed: spent.calls, threshold: calls };
  }
  if (tokens !== undefined && spent.tokens >= tokens) {
    return { rule: 'budget', message: `the token budget is spent: ${spent.tokens} of ${tokens} tokens`, observed: spent.tokens, threshold: tokens };
  }
  const streak = rejectionStreak(done);
  if (streak >= limits.maxConsecutiveRejections) {
    return { rule: 'consecutive-rejections', message: `${streak} iterations in a row made no version`, observed: streak, threshold: limits.maxConsecutiveRejections };
  }
  if (done.length >= limits.iterations) {
    return { rule: 'iterations', message: `${done.length} iteration${done.length === 1 ? '' : 's'} run, as asked`, observed: done.length, threshold: limits.iterations };
  }
  return undefined;
}

/** Net confirmed holdout regressions of the accepted iterations, summed (negative: the holdout gained). */
export function holdoutDropOf(done: readonly IterationResult[]): number {
  return done.reduce((sum, r) => sum + (r.decision === 'accept' ? (r.holdoutDrop ?? 0) : 0), 0);
}

export function spentOf(done: readonly IterationResult[]): Spent {
  return done.reduce((sum, r) => ({ calls: sum.calls + r.spent.calls, tokens: sum.tokens + r.spent.tokens }), { calls: 0, tokens: 0 });
}

function rejectionStreak(done: readonly IterationResult[]): number {
  let streak = 0;
  for (let i = done.length - 1; i >= 0 && done[i]!.decision !== 'accept'; i--) streak++;
  return streak;
}

function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}
