import { gatePolicySchema, type GatePolicy } from '../config/index.js';

/**
 * The policies a study compares, as data (each is a plain GatePolicy, so it can also be written
 * to gates/<name>.yaml):
 * - none: accept every candidate (no gate);
 * - aggregate: accept when the dev pass rate rises, nothing else;
 * - flips-unconfirmed: the default flip gate without confirmation reruns (flips count as
 *   observed; flakiness only from the flaky memory);
 * - default: the shipped strict flip gate, gates/default.yaml's settings.
 */
export const comparisonPolicies = {
  none: { name: 'none', mode: 'always' },
  aggregate: { name: 'aggregate', mode: 'aggregate' },
  'flips-unconfirmed': { name: 'flips-unconfirmed', mode: 'flips', confirmRuns: 0 },
  default: { name: 'default', mode: 'flips' },
} as const;
export type ComparisonPolicyName = keyof typeof comparisonPolicies;

/** A comparison policy, parsed (defaults filled in); `overrides` change any field, e.g. alpha. */
export function comparisonPolicy(name: ComparisonPolicyName, overrides: Partial<GatePolicy> = {}): GatePolicy & { name: string } {
  const policy = gatePolicySchema.parse({ ...comparisonPolicies[name], ...overrides });
  return { ...policy, name: policy.name ?? name };
}
