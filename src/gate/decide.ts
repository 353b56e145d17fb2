import { fail } from '../core/errors.js';
import { coverageRule, confirmationRule, errorBudgetRule } from './data-rules.js';
import { exitCodeOf } from './exit-code.js';
import { gateFacts, type GateFacts } from './facts.js';
import { emptyFlakyMemory, updateFlakyMemory } from './flaky-memory.js';
import { holdoutRule, intentRule, maxP2FRateRule, maxP2FRule, mcnemarRule, minF2PRule, mustPassRule } from './flip-rules.js';
import { judgeExamples } from './judge.js';
import { aggregateRule, alwaysRule } from './mode-rules.js';
import { mustPassMatcher } from './must-pass.js';
import type { DecideInput, GateDecision, GateReason, GateResult } from './types.js';

/**
 * The gate's decision with every reason as data: the gate.json document. A failed rule about
 * missing data (coverage, error budget, confirmation) makes it inconclusive, whatever else
 * failed; otherwise any failed rule rejects; otherwise it accepts.
 */
export function decide(input: DecideInput): GateResult {
  const { policy } = input;
  if (input.baseline.examples.size === 0 && input.candidate.examples.size === 0) {
    fail('EGATE_INPUT', 'gate: both runs are empty (no records)', { details: 'Run both versions on at least one suite (`agentdevel run`) before gating.' });
  }
  const memory = input.flakyMemory ?? emptyFlakyMemory();
  const mustPass = [...new Set([...policy.mustPass, ...(input.mustPass ?? [])])];
  const judgement = judgeExamples({
    baseline: input.baseline,
    candidate: input.candidate,
    confirmations: input.confirmations,
    confirmRuns: policy.mode === 'flips' ? policy.confirmRuns : 0,
    memory,
    isMustPass: mustPassMatcher(mustPass),
  });
  const facts = gateFacts(judgement, input);
  const reasons = reasonsFor(input, mustPass, facts);
  const decision = decisionOf(reasons);
  return {
    schemaVersion: 1,
    decision,
    exitCode: exitCodeOf(decision),
    policy,
    counts: {
      examples: judgement.examples,
      dev: judgement.splits.dev,
      holdout: judgement.splits.holdout,
      p2f: facts.p2f.length,
      f2p: facts.f2p.length,
      holdoutP2F: facts.holdoutP2F,
      holdoutF2P: facts.holdoutF2P,
      observedP2F: judgement.flips.filter((flip) => flip.direction === 'p2f').length,
      observedF2P: judgement.flips.filter((flip) => flip.direction === 'f2p').length,
      ...judgement.tally,
      flaky: facts.flaky.length,
      unconfirmed: facts.unconfirmed.length,
      baselinePasses: judgement.baselineDev.passes,
      baselineFails: judgement.baselineDev.fails,
      records: facts.records,
      errors: facts.errors,
    },
    rates: {
      p2fRate: facts.p2fRate,
      f2pRate: facts.f2pRate,
      passRate: facts.passRate,
      holdoutDrop: facts.holdoutDrop,
      errorRate: facts.errorRate,
      intentAlignment: facts.intent?.share ?? null,
    },
    pValue: facts.pValue,
    flips: judgement.flips,
    flaky: facts.flaky,
    reasons,
    flakyMemory: updateFlakyMemory(memory, judgement.observations, policy.flaky.clearAfterStableRuns),
  };
}

function reasonsFor(input: DecideInput, mustPass: readonly string[], facts: GateFacts): GateReason[] {
  const { policy } = input;
  if (policy.mode === 'always') return [alwaysRule()];
  const data = [coverageRule(facts), errorBudgetRule(policy, facts)];
  if (policy.mode === 'aggregate') return [...data, aggregateRule(facts)];
  return [
    ...data,
    confirmationRule(policy, facts),
    mustPassRule(mustPass, facts),
    ...(policy.maxP2F === undefined ? [] : [maxP2FRule(policy.maxP2F, facts)]),
    maxP2FRateRule(policy, facts),
    minF2PRule(policy, facts),
    mcnemarRule(policy, facts),
    holdoutRule(policy, facts),
    intentRule(policy, facts),
  ];
}

export function decisionOf(reasons: readonly GateReason[]): GateDecision {
  const failed = reasons.filter((r) => !r.passed);
  if (failed.some((r) => r.effect === 'inconclusive')) return 'inconclusive';
  return failed.length > 0 ? 'reject' : 'accept';
}
