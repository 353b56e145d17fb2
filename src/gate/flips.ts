import type { GatePolicy } from '../config/index.js';
import { fail } from '../core/errors.js';
import type { FlipClass, Outcomes, SampleCounts, Verdict } from './types.js';

/** Majority rule (see the README's "Gate policies"). */
export function verdictOf(counts: SampleCounts | undefined): Verdict {
  return fail('EINTERNAL', `verdictOf: not implemented yet ${String(counts)}`);
}

export function classifyFlip(baseline: SampleCounts | undefined, candidate: SampleCounts | undefined): FlipClass {
  return fail('EINTERNAL', `classifyFlip: not implemented yet ${String(baseline)} ${String(candidate)}`);
}

/**
 * The example keys to rerun `policy.confirmRuns` times on both versions (fresh sample indices)
 * before decide: every observed flip whose outcome more samples could still change. Empty when
 * the policy needs no confirmation (confirmRuns 0, or a mode other than flips).
 */
export function flipsToConfirm(baseline: Outcomes, candidate: Outcomes, policy?: Pick<GatePolicy, 'mode' | 'confirmRuns'>): string[] {
  return fail('EINTERNAL', `flipsToConfirm: not implemented yet ${baseline.records} ${candidate.records} ${String(policy)}`);
}
