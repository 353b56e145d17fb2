import type { GatePolicy } from '../config/index.js';
import type { GateFacts } from './facts.js';
import { atMost, listed, percent, reason } from './reason.js';
import type { GateReason } from './types.js';

/** Rules about missing data: when one fails the gate is inconclusive, never accept or reject. */

/** Both runs cover the same examples, and every must-pass example has a verdict on both sides. */
export function coverageRule(facts: GateFacts): GateReason {
  const { absent, unjudgedMustPass } = facts.judgement;
  const absentKeys = new Set(absent);
  const missing = [...absent, ...unjudgedMustPass.filter((key) => !absentKeys.has(key))];
  const passed = missing.length === 0;
  const parts = [
    absent.length > 0 ? `${absent.length} example(s) in one run only (${listed(absent)})` : '',
    unjudgedMustPass.length > 0 ? `${unjudgedMustPass.length} must-pass example(s) without a scored sample on a side (${listed(unjudgedMustPass)})` : '',
  ].filter(Boolean);
  return reason('coverage', passed, {
    effect: 'inconclusive',
    threshold: 0,
    observed: missing.length,
    examples: missing,
    message: passed ? `both runs cover the same ${facts.judgement.examples} examples` : `${parts.join('; ')}: rerun so both versions cover the same examples`,
  });
}

/** Infrastructure errors on either side (confirmation reruns included) stay within budget. */
export function errorBudgetRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const worst = Math.max(facts.errorRate.baseline, facts.errorRate.candidate);
  const passed = atMost(worst, policy.maxErrorRate);
  return reason('error-budget', passed, {
    effect: 'inconclusive',
    threshold: policy.maxErrorRate,
    observed: worst,
    examples: passed ? [] : facts.judgement.withErrors,
    message: `infrastructure errors: ${percent(facts.errorRate.baseline)} of baseline records, ${percent(facts.errorRate.candidate)} of candidate records (budget ${percent(policy.maxErrorRate)})${passed ? '' : ': too much is missing to judge; fix the infrastructure and rerun with --retry-errors'}`,
  });
}

/** Every flip that needed confirmation reruns has scored reruns on both sides. */
export function confirmationRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const passed = facts.unconfirmed.length === 0;
  return reason('confirmation', passed, {
    effect: 'inconclusive',
    threshold: policy.confirmRuns,
    observed: facts.unconfirmed.length,
    examples: facts.unconfirmed,
    message:
      policy.confirmRuns === 0
        ? 'no confirmation reruns (confirmRuns 0): flips count as observed'
        : passed
          ? `every flip rerun ${policy.confirmRuns} time(s) per side`
          : `${facts.unconfirmed.length} flip(s) lack scored confirmation reruns on a side (${listed(facts.unconfirmed)}): run flipsToConfirm's examples ${policy.confirmRuns} more time(s) on both versions`,
  });
}
