import { describe, expect, it } from 'vitest';
import { runLine, type LineResult } from '../../src/study/index.js';
import { shippedSetup } from './shipped.js';

const DEFAULT_NOISE = { flakyShare: 0.08, rerollRate: 0.03 };

/** A line's result without its wall time. */
function timeless(result: LineResult) {
  const { seconds: _seconds, ...rest } = result;
  return rest;
}

describe('one study line on the shipped agent and suite', () => {
  it('runs every policy through the release loop on the same candidate stream, and is the same for the same seed', async () => {
    const setup = await shippedSetup(2);
    const task = { level: 0, noise: DEFAULT_NOISE, line: 0, seed: 11 };
    const first = await runLine(setup, task);
    expect(first.policies.map((p) => p.policy)).toEqual(['none', 'aggregate', 'strict', 'lenient', 'default', 'default/no-history']);
    for (const p of first.policies) {
      expect(p.iterations).toBe(p.account.steps.length);
      expect(p.account.start).toEqual(first.policies[0]!.account.start);
    }
    // Iteration 1: every policy holds the starting version, so every one judges the very same candidate.
    const firstSteps = first.policies.map((p) => p.account.steps[0]!);
    for (const s of firstSteps) expect({ change: s.trueChange, regressions: s.regressions, fixes: s.fixes }).toEqual({ change: firstSteps[0]!.trueChange, regressions: firstSteps[0]!.regressions, fixes: firstSteps[0]!.fixes });
    const none = first.policies.find((p) => p.policy === 'none')!;
    expect(none.account.steps.every((s) => s.decision === 'accept' || s.decision === 'no-candidate')).toBe(true);
    // Shared work is made once, and each policy is charged all it used.
    const spent = first.policies.reduce((n, p) => n + p.spent.calls, 0);
    expect(first.made.calls).toBeLessThan(spent);
    expect(Math.max(...first.policies.map((p) => p.spent.calls))).toBeLessThanOrEqual(first.made.calls);

    const again = await runLine(setup, task);
    expect(timeless(again)).toEqual(timeless(first));
    const other = await runLine(setup, { ...task, seed: 12 });
    expect(timeless(other).policies).not.toEqual(timeless(first).policies);
  });
});
