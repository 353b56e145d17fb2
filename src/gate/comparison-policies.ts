import { gatePolicySchema, type GatePolicy } from '../config/index.js';

/**
 * The policies a study compares, as data (each is a plain GatePolicy, so it can also be written
 * to gates/<name>.yaml):
 * - none: accept every candidate (no gate);
 * - aggregate: accept when the dev pass rate rises, nothing else;
 * - flips-unconfirmed: the strict flip gate without confirmation reruns (flips count as
 *   observed; flakiness only from the flaky memory);
 * - strict: the zero-tolerance flip gate, gates/strict.yaml's settings (the schema's defaults);
 * - lenient: gates/lenient.yaml's settings;
 * - default: the shipped net-benefit gate, gates/default.yaml's settings.
 */
export const comparisonPolicies = {
  none: { name: 'none', mode: 'always' },
  aggregate: { name: 'aggregate', mode: 'aggregate' },
  'flips-unconfirmed': { name: 'flips-unconfirmed', mode: 'flips', confirmRuns: 0 },
  strict: { name: 'strict', mode: 'flips' },
  lenient: { name: 'lenient', mode: 'flips', confirmRuns: 2, maxP2FRate: 0.05, holdout: { maxDrop: 0.05 }, minIntentAlignment: 0, maxErrorRate: 0.05, flaky: { clearAfterStableRuns: 2 } },
  default: { name: 'default', mode: 'net-benefit', confirmRuns: 3, netBenefit: { alpha: 0.1, spend: 0.3, margin: 0 }, holdout: { maxDrop: 0 }, minIntentAlignment: 0 },
} as const;
export type ComparisonPolicyName = keyof typeof comparisonPolicies;

/** A comparison policy, parsed (defaults filled in); `overrides` change any field, e.g. alpha. */
export function comparisonPolicy(name: ComparisonPolicyName, overrides: Partial<GatePolicy> = {}): GatePolicy & { name: string } {
  const policy = gatePolicySchema.parse({ ...comparisonPolicies[name], ...overrides });
  return { ...policy, name: policy.name ?? name };
}
