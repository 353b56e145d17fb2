import type { GateFacts } from './facts.js';
import { percent, reason } from './reason.js';
import type { GateReason } from './types.js';

/** The comparison policies' rules (mode aggregate and always): baselines for studies, not gates to ship. */

/** Accept when the candidate's dev pass rate (first runs, all samples) is higher than the baseline's. */
export function aggregateRule(facts: GateFacts): GateReason {
  const before = facts.passRate.baseline.dev;
  const after = facts.passRate.candidate.dev;
  if (before === null || after === null) {
    return reason('aggregate', false, { effect: 'inconclusive', threshold: before, observed: after, message: 'no scored dev samples on a side: nothing to compare' });
  }
  const passed = after > before;
  return reason('aggregate', passed, {
    threshold: before,
    observed: after,
    message: `dev pass rate ${percent(before)} → ${percent(after)}${passed ? ' (rises)' : ' (does not rise)'}`,
  });
}

export function alwaysRule(): GateReason {
  return reason('always', true, { threshold: null, observed: null, message: 'no gate (mode always): every candidate is accepted' });
}
