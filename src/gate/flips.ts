import type { GatePolicy } from '../config/index.js';
import type { FlipClass, Outcomes, SampleCounts, Verdict } from './types.js';

/**
 * A side's verdict on an example, by majority of its scored samples (errors are not samples):
 * pass when more pass than fail, fail when more fail than pass, tie on an even split, none
 * without a scored sample. With one repeat this is simply the record's status.
 */
export function verdictOf(counts: SampleCounts | undefined): Verdict {
  if (counts === undefined || counts.pass + counts.fail === 0) return 'none';
  if (counts.pass > counts.fail) return 'pass';
  if (counts.fail > counts.pass) return 'fail';
  return 'tie';
}

/** A side whose samples disagree with each other: some pass and some fail. */
export function isMixed(counts: SampleCounts | undefined): boolean {
  return counts !== undefined && counts.pass > 0 && counts.fail > 0;
}

/**
 * How an example moved, from the two sides' verdicts: a flip is a pass verdict on one side and
 * a fail verdict on the other (P→F: baseline pass, candidate fail). A tie on either side is
 * undecided (neither a flip nor stable); a side without a verdict makes it missing.
 */
export function classifyFlip(baseline: SampleCounts | undefined, candidate: SampleCounts | undefined): FlipClass {
  const before = verdictOf(baseline);
  const after = verdictOf(candidate);
  if (before === 'none' || after === 'none') return 'missing';
  if (before === 'tie' || after === 'tie') return 'undecided';
  if (before === after) return before === 'pass' ? 'stablePass' : 'stableFail';
  return before === 'pass' ? 'p2f' : 'f2p';
}

export function isFlip(flipClass: FlipClass): flipClass is 'p2f' | 'f2p' {
  return flipClass === 'p2f' || flipClass === 'f2p';
}

/**
 * The example keys to rerun `policy.confirmRuns` times on both versions, with fresh sample
 * indices, before decide: every observed flip (both splits) except those whose own samples
 * already disagree on a side, which are flaky whatever more samples show. Sorted. Empty when
 * the policy confirms nothing (confirmRuns 0, or a mode other than flips).
 */
export function flipsToConfirm(baseline: Outcomes, candidate: Outcomes, policy?: Pick<GatePolicy, 'mode' | 'confirmRuns'>): string[] {
  if (policy !== undefined && (policy.mode !== 'flips' || policy.confirmRuns === 0)) return [];
  const keys: string[] = [];
  for (const [key, before] of baseline.examples) {
    const after = candidate.examples.get(key);
    if (isFlip(classifyFlip(before, after)) && !isMixed(before) && !isMixed(after)) keys.push(key);
  }
  return keys.sort(compareKeys);
}

/** Code-unit order, so sorted lists are the same on every machine and locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
