import type { GatePolicy } from '../config/index.js';
import type { GateFacts } from './facts.js';
import { formatP } from './net-benefit.js';
import { atMost, listed, percent, reason } from './reason.js';
import { holdoutTooSmallText, splitTooSmall } from './split-size.js';
import type { GateReason } from './types.js';

/** The flip gate's rules, on confirmed flips (flaky ones counted neither as regression nor fix). */

const keys = (flips: ReadonlyArray<{ key: string }>) => flips.map((flip) => flip.key);

/** A confirmed regression of a must-pass example (either split) rejects, whatever the totals. */
export function mustPassRule(entries: readonly string[], facts: GateFacts): GateReason {
  const regressions = facts.mustPassRegressions;
  const passed = regressions.length === 0;
  return reason('must-pass', passed, {
    threshold: 0,
    observed: regressions.length,
    examples: regressions,
    message: passed
      ? `no confirmed regression among ${facts.judgement.mustPassSeen} must-pass example(s) (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'})`
      : `must-pass example(s) regressed: ${listed(regressions)}`,
  });
}

export function maxP2FRule(maxP2F: number, facts: GateFacts): GateReason {
  const passed = facts.p2f.length <= maxP2F;
  return reason('max-p2f', passed, {
    threshold: maxP2F,
    observed: facts.p2f.length,
    examples: keys(facts.p2f),
    message: `${facts.p2f.length} confirmed pass→fail dev example(s) (at most ${maxP2F})${facts.p2f.length > 0 ? `: ${listed(keys(facts.p2f))}` : ''}`,
  });
}

export function maxP2FRateRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const passed = facts.p2fRate === null || atMost(facts.p2fRate, policy.maxP2FRate);
  return reason('max-p2f-rate', passed, {
    threshold: policy.maxP2FRate,
    observed: facts.p2fRate,
    examples: keys(facts.p2f),
    message: `pass→fail rate ${percent(facts.p2fRate)} (${facts.p2f.length} of ${facts.judgement.baselineDev.passes} dev examples the baseline passes; at most ${percent(policy.maxP2FRate)})`,
  });
}

export function minF2PRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const passed = facts.f2p.length >= policy.minF2P;
  return reason('min-f2p', passed, {
    threshold: policy.minF2P,
    observed: facts.f2p.length,
    examples: keys(facts.f2p),
    message: `${facts.f2p.length} confirmed fail→pass dev example(s) (at least ${policy.minF2P}; rate ${percent(facts.f2pRate)} of ${facts.judgement.baselineDev.fails} baseline failures)`,
  });
}

/**
 * Exact McNemar on the confirmed dev flips. no-regression fails when the candidate is
 * significantly worse (p < alpha and P→F > F→P); improvement passes only when it is
 * significantly better (p < alpha and F→P > P→F).
 */
export function mcnemarRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const { alpha, require } = policy.mcnemar;
  const b = facts.p2f.length;
  const c = facts.f2p.length;
  const significant = facts.pValue < alpha;
  const passed = require === 'no-regression' ? !(significant && b > c) : significant && c > b;
  const verdict = significant ? (b > c ? 'significantly worse' : c > b ? 'significantly better' : 'no difference') : 'no significant difference';
  return reason('mcnemar', passed, {
    threshold: alpha,
    observed: facts.pValue,
    examples: require === 'no-regression' ? keys(facts.p2f) : keys(facts.f2p),
    message: `exact McNemar on ${b} P→F vs ${c} F→P: p = ${formatP(facts.pValue)}, ${verdict} at α = ${alpha} (require ${require})`,
  });
}

/** The holdout pass rate drops by at most maxDrop: net confirmed holdout regressions over holdout examples. */
export function holdoutRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const drop = facts.holdoutDrop;
  const passed = drop === null || atMost(drop, policy.holdout.maxDrop);
  const lost = facts.judgement.flips.filter((flip) => flip.split === 'holdout' && flip.status === 'confirmed' && flip.direction === 'p2f');
  const tooSmall = splitTooSmall(facts.judgement.judged.holdout, policy.holdout.maxDrop);
  return reason('holdout', passed, {
    threshold: policy.holdout.maxDrop,
    observed: drop,
    examples: keys(lost),
    message:
      drop === null
        ? 'no holdout examples judged on both sides'
        : `holdout pass rate change ${drop > 0 ? '-' : '+'}${percent(Math.abs(drop))} (${facts.holdoutP2F} P→F, ${facts.holdoutF2P} F→P confirmed of ${facts.judgement.judged.holdout}; largest drop allowed ${percent(policy.holdout.maxDrop)})${tooSmall ? `; ${holdoutTooSmallText(tooSmall)}` : ''}`,
  });
}

/** Share of confirmed dev fixes whose baseline failure carried a targeted symptom label. */
export function intentRule(policy: GatePolicy, facts: GateFacts): GateReason {
  const intent = facts.intent;
  if (intent === null || intent.share === null) {
    return reason('intent-alignment', true, {
      threshold: policy.minIntentAlignment,
      observed: null,
      message: intent === null ? 'not applied: no intent or no baseline critiques given' : 'no confirmed fixes to align',
    });
  }
  const passed = intent.share >= policy.minIntentAlignment - 1e-12;
  const aligned = new Set(intent.aligned);
  return reason('intent-alignment', passed, {
    threshold: policy.minIntentAlignment,
    observed: intent.share,
    examples: passed ? intent.aligned : keys(facts.f2p).filter((key) => !aligned.has(key)),
    message: `${intent.aligned.length} of ${facts.f2p.length} fixes carried a targeted symptom (${intent.targets.join(', ') || 'no targets'}): ${percent(intent.share)}, at least ${percent(policy.minIntentAlignment)}`,
  });
}
