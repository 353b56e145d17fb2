import type { GatePolicy } from '../config/index.js';
import type { GateFacts } from './facts.js';
import { isRemembered } from './flaky-memory.js';
import type { Judgement } from './judge.js';
import { reason } from './reason.js';
import { splitLikelihoodEValue, type Counts, type FlipSamples } from './split-likelihood.js';
import type { DecideInput, GateReason, Outcomes } from './types.js';

/** The net-benefit test's evidence: the e-value, its p-value (1/E, at most 1) and how many flips it weighed. */
export interface NetBenefitEvidence {
  eValue: number;
  pValue: number;
  /** Flips that held on the first confirmation round (the test's examples). */
  selected: number;
}

/**
 * The evidence that the candidate is better on the examples it flipped (split-likelihood.ts):
 * the flips whose first confirmation round agreed with the first runs on both sides are the
 * test's examples (flips the flaky memory remembers are left out beforehand); the later rounds
 * are its test samples. No later round, no evidence: E = 1.
 */
export function netBenefitEvidence(input: Pick<DecideInput, 'baseline' | 'candidate' | 'confirmations' | 'firstRound' | 'flakyMemory'>, judgement: Judgement, margin: number): NetBenefitEvidence {
  const { firstRound, confirmations } = input;
  const flips: FlipSamples[] = [];
  if (firstRound && confirmations) {
    for (const flip of judgement.flips) {
      if (input.flakyMemory && isRemembered(input.flakyMemory, flip.key)) continue;
      const round = { baseline: counts(firstRound.baseline, flip.key), candidate: counts(firstRound.candidate, flip.key) };
      const held = flip.direction === 'p2f' ? only(round.baseline, 'pass') && only(round.candidate, 'fail') : only(round.baseline, 'fail') && only(round.candidate, 'pass');
      if (!held) continue;
      const first = { baseline: counts(input.baseline, flip.key), candidate: counts(input.candidate, flip.key) };
      const all = { baseline: counts(confirmations.baseline, flip.key), candidate: counts(confirmations.candidate, flip.key) };
      flips.push({
        selection: { baseline: plus(first.baseline, round.baseline), candidate: plus(first.candidate, round.candidate) },
        test: { baseline: minus(all.baseline, round.baseline), candidate: minus(all.candidate, round.candidate) },
      });
    }
  }
  const eValue = splitLikelihoodEValue(flips, margin);
  return { eValue, pValue: Math.min(1, 1 / eValue), selected: flips.length };
}

/**
 * Accepts when confirmed fixes outnumber confirmed regressions (dev and holdout) and the evidence
 * that the candidate is better on the examples it flipped is significant at the line's level.
 */
export function netBenefitRule(policy: GatePolicy, facts: GateFacts, level: number, evidence: NetBenefitEvidence): GateReason {
  const fixes = facts.f2p.length + facts.holdoutF2P;
  const regressions = facts.p2f.length + facts.holdoutP2F;
  const outnumber = fixes > regressions;
  const passed = outnumber && evidence.pValue <= level;
  const margin = policy.netBenefit.margin === 0 ? '' : ` by more than ${policy.netBenefit.margin} per flipped example`;
  return reason('net-benefit', passed, {
    threshold: level,
    observed: evidence.pValue,
    examples: passed ? [] : facts.p2f.map((flip) => flip.key),
    message: `${fixes} confirmed fix(es) vs ${regressions} confirmed regression(s) (dev and holdout); evidence that the candidate is better${margin} on the ${evidence.selected} flip(s) that held their first rerun: e = ${formatE(evidence.eValue)}, p = ${formatP(evidence.pValue)}, at the line's level ${formatP(level)} (α ${policy.netBenefit.alpha} for the whole line)${passed ? '' : !outnumber ? ': fixes do not outnumber regressions' : ': not enough evidence'}`,
  });
}

function counts(outcomes: Outcomes, key: string): Counts {
  const found = outcomes.examples.get(key);
  return { pass: found?.pass ?? 0, fail: found?.fail ?? 0 };
}

function only(c: Counts, status: 'pass' | 'fail'): boolean {
  return c[status] > 0 && c[status === 'pass' ? 'fail' : 'pass'] === 0;
}

function plus(a: Counts, b: Counts): Counts {
  return { pass: a.pass + b.pass, fail: a.fail + b.fail };
}

function minus(a: Counts, b: Counts): Counts {
  return { pass: Math.max(0, a.pass - b.pass), fail: Math.max(0, a.fail - b.fail) };
}

function formatE(e: number): string {
  return e >= 1e4 ? e.toExponential(2) : e.toFixed(2);
}

export function formatP(p: number): string {
  return p === 0 ? '0' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}
