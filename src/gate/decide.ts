import { fail } from '../core/errors.js';
import { coverageRule, confirmationRule, errorBudgetRule } from './data-rules.js';
import { exitCodeOf } from './exit-code.js';
import { gateFacts, type GateFacts } from './facts.js';
import { emptyFlakyMemory, updateFlakyMemory } from './flaky-memory.js';
import { holdoutRule, intentRule, maxP2FRateRule, maxP2FRule, mcnemarRule, minF2PRule, mustPassRule } from './flip-rules.js';
import { judgeExamples, type Judgement } from './judge.js';
import { budgetUse, FRESH_LINE, levelOf } from './line-budget.js';
import { aggregateRule, alwaysRule } from './mode-rules.js';
import { mustPassMatcher } from './must-pass.js';
import { netBenefitEvidence, netBenefitRule, type NetBenefitEvidence } from './net-benefit.js';
import { listed, reason } from './reason.js';
import type { DecideInput, GateDecision, GateReason, GateResult } from './types.js';

interface Verdict {
  facts: GateFacts;
  reasons: GateReason[];
  decision: GateDecision;
}

/**
 * The gate's decision with every reason as data: the gate.json document. A failed rule about
 * missing data (coverage, error budget, confirmation) makes it inconclusive, whatever else
 * failed; otherwise any failed rule rejects; otherwise it accepts. Flips still unconfirmed do not
 * keep the decision open when no outcome of their reruns could change it (settleUnconfirmed).
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
    confirmRuns: confirms(policy.mode) ? policy.confirmRuns : 0,
    memory,
    isMustPass: mustPassMatcher(mustPass),
  });
  const lineBudget = input.lineBudget ?? FRESH_LINE;
  const level = policy.mode === 'net-benefit' ? levelOf(policy, lineBudget) : 0;
  const evidence = policy.mode === 'net-benefit' ? netBenefitEvidence({ ...input, flakyMemory: memory }, judgement, policy.netBenefit.margin) : null;
  const judge = (j: Judgement, strongest = false): Verdict => {
    const facts = gateFacts(j, input);
    // Read in the candidate's favour, the reruns still to come could bring any evidence.
    const reasons = reasonsFor(input, mustPass, facts, { level, evidence: evidence && strongest ? { ...evidence, eValue: Number.POSITIVE_INFINITY, pValue: 0 } : evidence });
    return { facts, reasons, decision: decisionOf(reasons) };
  };
  const actual = judge(judgement);
  const verdict = settleUnconfirmed(actual, judgement, judge) ?? actual;
  const { facts } = actual;
  const { decision } = verdict;
  const shipped = verdict.facts.judgement.flips.filter((flip) => flip.direction === 'p2f' && flip.status === 'confirmed').map((flip) => flip.key);
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
    reasons: verdict.reasons,
    budget: evidence ? budgetUse(policy, lineBudget, decision, evidence.pValue) : null,
    acceptedRegressions: decision === 'accept' ? shipped : [],
    flakyMemory: updateFlakyMemory(memory, judgement.observations, policy.flaky.clearAfterStableRuns),
  };
}

function confirms(mode: DecideInput['policy']['mode']): boolean {
  return mode === 'flips' || mode === 'net-benefit';
}

function reasonsFor(input: DecideInput, mustPass: readonly string[], facts: GateFacts, test: { level: number; evidence: NetBenefitEvidence | null }): GateReason[] {
  const { policy } = input;
  if (policy.mode === 'always') return [alwaysRule()];
  const data = [coverageRule(facts), errorBudgetRule(policy, facts)];
  if (policy.mode === 'aggregate') return [...data, aggregateRule(facts)];
  const common = [confirmationRule(policy, facts), mustPassRule(mustPass, facts), ...(policy.maxP2F === undefined ? [] : [maxP2FRule(policy.maxP2F, facts)])];
  const weighing = test.evidence ? [netBenefitRule(policy, facts, test.level, test.evidence)] : [maxP2FRateRule(policy, facts)];
  const significance = policy.mode === 'net-benefit' ? [] : [mcnemarRule(policy, facts)];
  return [...data, ...common, ...weighing, minF2PRule(policy, facts), ...significance, holdoutRule(policy, facts), intentRule(policy, facts)];
}

/**
 * When only unconfirmed flips keep the decision open, judges them both ways: counted in the
 * candidate's favour (fixes confirmed, regressions flaky, the net-benefit evidence as strong as
 * reruns could make it) and against it (fixes flaky, regressions confirmed, the evidence as it is). If the favourable reading still rejects, or the unfavourable one still accepts, no
 * rerun can change the decision: it is taken, with the confirmation rule saying so. Otherwise
 * undefined: the decision stays inconclusive until the flips are rerun.
 */
function settleUnconfirmed(actual: Verdict, judgement: Judgement, judge: (j: Judgement, strongest?: boolean) => Verdict): Verdict | undefined {
  const open = actual.facts.unconfirmed;
  if (open.length === 0) return undefined;
  if (actual.reasons.some((r) => !r.passed && r.effect === 'inconclusive' && r.rule !== 'confirmation')) return undefined;
  const inFavour = assume(judgement, true);
  const favourable = judge(inFavour, true);
  if (favourable.decision === 'reject') {
    // The evidence the reruns could have brought decided nothing: the net-benefit rule is shown as the evidence stands.
    const measured = judge(inFavour).reasons.find((r) => r.rule === 'net-benefit');
    const observed = (direction: 'p2f' | 'f2p') => judgement.flips.filter((flip) => flip.status === 'unconfirmed' && flip.direction === direction).length;
    const read = measured && { ...measured, message: `${measured.message} (counting the ${open.length} unconfirmed flip(s) in the candidate's favour: ${observed('p2f')} observed P→F as flaky, ${observed('f2p')} observed F→P as fixes)` };
    const shown = { ...favourable, reasons: favourable.reasons.map((r) => (r.rule === 'net-benefit' && read ? read : r)) };
    return settled(shown, open, 'its fixes as confirmed and its regressions as flaky, it is still rejected');
  }
  const unfavourable = judge(assume(judgement, false));
  if (unfavourable.decision === 'accept') return settled(unfavourable, open, 'its fixes as flaky and its regressions as confirmed, it is still accepted');
  return undefined;
}

/** The judgement with every unconfirmed flip read one way: in the candidate's favour, or against it. */
function assume(judgement: Judgement, favourable: boolean): Judgement {
  return {
    ...judgement,
    flips: judgement.flips.map((flip) => (flip.status !== 'unconfirmed' ? flip : { ...flip, status: (flip.direction === 'f2p') === favourable ? 'confirmed' : 'flaky' })),
  };
}

function settled(verdict: Verdict, open: readonly string[], reading: string): Verdict {
  const note = reason('confirmation', true, {
    effect: 'inconclusive',
    threshold: null,
    observed: open.length,
    examples: open,
    message: `${open.length} flip(s) left unconfirmed (${listed(open)}): no rerun can change the decision (counting ${reading})`,
  });
  return { ...verdict, reasons: verdict.reasons.map((r) => (r.rule === 'confirmation' ? note : r)) };
}

export function decisionOf(reasons: readonly GateReason[]): GateDecision {
  const failed = reasons.filter((r) => !r.passed);
  if (failed.some((r) => r.effect === 'inconclusive')) return 'inconclusive';
  return failed.length > 0 ? 'reject' : 'accept';
}
