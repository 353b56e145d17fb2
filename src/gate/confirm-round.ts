import { decide } from './decide.js';
import type { DecideInput, Outcomes } from './types.js';

/**
 * Sequential confirmation: the flips to rerun in the next round, once more on each version.
 * A flip leaves the rounds as soon as its verdict is settled: flaky at its first disagreeing
 * sample, confirmed after policy.confirmRuns agreeing reruns per side. No round is asked for
 * once the decision no longer depends on the flips still open (decide settles them: see
 * settleUnconfirmed in decide.ts). Empty when the policy confirms nothing or all is settled.
 * Sorted, like every key list of the gate.
 */
export function nextConfirmationRound(input: DecideInput): string[] {
  const { policy } = input;
  if ((policy.mode !== 'flips' && policy.mode !== 'net-benefit') || policy.confirmRuns === 0) return [];
  const result = decide(input);
  if (result.reasons.find((r) => r.rule === 'confirmation')?.passed !== false) return [];
  const reruns = (side: Outcomes | undefined, key: string) => {
    const counts = side?.examples.get(key);
    return counts ? counts.pass + counts.fail + counts.error : 0;
  };
  return result.flips
    .filter((flip) => flip.status === 'unconfirmed')
    .filter((flip) => Math.min(reruns(input.confirmations?.baseline, flip.key), reruns(input.confirmations?.candidate, flip.key)) < policy.confirmRuns)
    .map((flip) => flip.key);
}

/**
 * The input with one more confirmation round's reruns: summed into `confirmations`, and kept
 * alone as `firstRound` when it is the first (net-benefit mode selects its test from it).
 */
export function withConfirmationRound(input: DecideInput, round: { baseline: Outcomes; candidate: Outcomes }): DecideInput {
  const before = input.confirmations;
  if (!before) return { ...input, firstRound: round, confirmations: round };
  return { ...input, confirmations: { baseline: addOutcomes(before.baseline, round.baseline), candidate: addOutcomes(before.candidate, round.candidate) } };
}

/** The outcomes of two sets of records of the same runs' examples, summed. */
function addOutcomes(a: Outcomes, b: Outcomes): Outcomes {
  const examples = new Map(a.examples);
  for (const [key, more] of b.examples) {
    const had = examples.get(key);
    examples.set(key, had ? { ...had, pass: had.pass + more.pass, fail: had.fail + more.fail, error: had.error + more.error } : more);
  }
  return { examples, records: a.records + b.records, errors: a.errors + b.errors };
}
