import type { GateReason, GateRuleName } from './types.js';

/** Most example keys a reason lists; exampleCount says how many there were. */
export const REASON_EXAMPLES = 50;

export function reason(
  rule: GateRuleName,
  passed: boolean,
  fields: { threshold: GateReason['threshold']; observed: number | null; examples?: readonly string[]; effect?: GateReason['effect']; message: string },
): GateReason {
  const examples = fields.examples ?? [];
  return {
    rule,
    passed,
    effect: fields.effect ?? 'reject',
    threshold: fields.threshold,
    observed: fields.observed,
    examples: examples.slice(0, REASON_EXAMPLES),
    exampleCount: examples.length,
    message: fields.message,
  };
}

/** Thresholds compare with a little slack, so 0.01 allows 1 of 100 despite floating point. */
export function atMost(observed: number, threshold: number): boolean {
  return observed <= threshold + 1e-12;
}

export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(share < 0.001 && share > 0 ? 3 : 1)}%`;
}

export function listed(keys: readonly string[], most = 5): string {
  if (keys.length === 0) return '';
  const shown = keys.slice(0, most).join(', ');
  return keys.length > most ? `${shown} and ${keys.length - most} more` : shown;
}
