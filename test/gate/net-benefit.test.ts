import { describe, expect, it } from 'vitest';
import { budgetUse, FRESH_LINE, levelOf, replayLineBudget, splitLikelihoodEValue, type FlipSamples } from '../../src/gate/index.js';
import { gateSequentially, many, policy, side } from './build.js';

const netBenefit = (changes: Record<string, unknown> = {}) => policy({ mode: 'net-benefit', minIntentAlignment: 0, holdout: { maxDrop: 0 }, ...changes });
const background = [...many('p', 40, 'p'), ...many('f', 10, 'f')];
const sides = (changes: Record<string, [string, string]>) => ({
  baseline: side([...background.filter((e) => !(e.key in changes)), ...Object.entries(changes).map(([key, [b]]) => ({ key, samples: b }))]),
  candidate: side([...background.filter((e) => !(e.key in changes)), ...Object.entries(changes).map(([key, [, c]]) => ({ key, samples: c }))]),
});
const fixed = (n: number, prefix = 'f') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, ['f', 'p']])) as Record<string, [string, string]>;
const held = (n: number, prefix = 'f') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, ['fff', 'ppp']])) as Record<string, [string, string]>;

describe('net-benefit gate', () => {
  it('with no flips, refuses (nothing fixed) and spends its level', () => {
    const result = gateSequentially({ ...sides({}), policy: netBenefit() }, {});
    expect(result.decision).toBe('reject');
    expect(result.rounds).toEqual([]);
    expect(result.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['net-benefit', 'min-f2p']);
    expect(result.budget).toMatchObject({ pValue: 1, spentBefore: 0 });
    expect(result.budget!.level).toBeCloseTo(0.03, 15);
    expect(result.budget!.spentAfter).toBeCloseTo(0.03, 15);
  });

  it('with only regressions, refuses without a single rerun', () => {
    const result = gateSequentially({ ...sides({ p0: ['p', 'f'], p1: ['p', 'f'] }), policy: netBenefit() }, { p0: ['ppp', 'fff'], p1: ['ppp', 'fff'] });
    expect(result.decision).toBe('reject');
    expect(result.rounds).toEqual([]);
    expect(result.counts.records.confirmation).toBe(0);
    // The reason says what was observed, not only what was confirmed.
    expect(result.reasons.find((r) => r.rule === 'net-benefit')?.message).toContain("counting the 2 unconfirmed flip(s) in the candidate's favour: 2 observed P→F as flaky, 0 observed F→P as fixes");
  });

  it('promotes four held fixes over one held regression, names the regression, and keeps its level on the line', () => {
    const result = gateSequentially({ ...sides({ ...fixed(4), p0: ['p', 'f'] }), policy: netBenefit() }, { ...held(4), p0: ['ppp', 'fff'] });
    expect(result.decision).toBe('accept');
    expect(result.acceptedRegressions).toEqual(['s/p0']);
    expect(result.rounds.length).toBe(3);
    expect(result.budget!.spentAfter).toBe(0);
    expect(result.budget!.pValue).toBeLessThanOrEqual(result.budget!.level);
  });

  it('refuses the same strong candidate once the line has spent its budget, and says at which level', () => {
    const exhausted = { spent: 0.1, decisions: 6 };
    const result = gateSequentially({ ...sides({ ...fixed(6) }), policy: netBenefit(), lineBudget: exhausted }, held(6));
    expect(result.decision).toBe('reject');
    expect(result.reasons.find((r) => r.rule === 'net-benefit')).toMatchObject({ passed: false, threshold: 0 });
    expect(result.budget).toMatchObject({ level: 0, spentBefore: 0.1, spentAfter: 0.1 });
  });

  it('must-pass stays absolute: a must-pass regression refuses however many fixes outweigh it', () => {
    const result = gateSequentially({ ...sides({ ...fixed(8), p0: ['p', 'f'] }), policy: netBenefit({ mustPass: ['s/p0'] }) }, { ...held(8), p0: ['ppp', 'fff'] });
    expect(result.decision).toBe('reject');
    expect(result.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['must-pass']);
    expect(result.acceptedRegressions).toEqual([]);
  });

  it('a ledger replay recomputes the spent budget exactly, and refuses numbers that do not add up', () => {
    const p = netBenefit();
    let budget = FRESH_LINE;
    const entries = [];
    for (const [i, decision] of (['reject', 'accept', 'reject', 'inconclusive', 'accept', 'reject'] as const).entries()) {
      const use = budgetUse(p, budget, decision, 0.5);
      entries.push({ iteration: i + 1, decision, budget: use });
      budget = { spent: use.spentAfter, decisions: budget.decisions + 1 };
    }
    entries.splice(2, 0, { iteration: 99, decision: 'no-candidate', budget: null } as never);
    expect(replayLineBudget(entries)).toEqual(budget);
    // reject 0.03, accept, reject 0.021, inconclusive 0.0147, accept, reject 0.01029: never more than alpha.
    expect(budget.spent).toBeCloseTo(0.03 + 0.021 + 0.0147 + 0.01029, 15);
    expect(levelOf(p, budget)).toBeCloseTo(0.3 * (0.1 - budget.spent), 15);
    const tampered = entries.map((e) => (e.iteration === 3 && e.budget ? { ...e, budget: { ...e.budget, spentAfter: 0 } } : e));
    expect(() => replayLineBudget(tampered, 'releases/a/ledger.jsonl')).toThrow(/releases\/a\/ledger\.jsonl: iteration 3: the false-promotion budget does not add up/);
  });
});

describe('split-likelihood e-value', () => {
  it('is 1 without test samples, large for fixes that keep holding, small when the flips do not hold', () => {
    const flip = (baseline: string, candidate: string): FlipSamples => ({
      selection: { baseline: { pass: 0, fail: 2 }, candidate: { pass: 2, fail: 0 } },
      test: { baseline: count(baseline), candidate: count(candidate) },
    });
    expect(splitLikelihoodEValue([flip('', ''), flip('', '')], 0)).toBe(1);
    expect(splitLikelihoodEValue([flip('ff', 'pp'), flip('ff', 'pp'), flip('ff', 'pp')], 0)).toBeGreaterThan(100);
    expect(splitLikelihoodEValue([flip('pp', 'pp'), flip('fp', 'pf')], 0)).toBeLessThan(0.1);
    // A margin makes the same evidence weaker.
    const strong = [flip('ff', 'pp'), flip('ff', 'pp'), flip('ff', 'pp')];
    expect(splitLikelihoodEValue(strong, 0.5)).toBeLessThan(splitLikelihoodEValue(strong, 0));
  });

  it('has expectation at most 1 under the null, with sequential stopping (Monte Carlo, seeded)', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let sum = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      // Null: each of 4 flipped examples keeps its pass probability (p = p'), drawn at random; the test stops at a disagreeing sample.
      const flips: FlipSamples[] = [];
      for (let e = 0; e < 4; e++) {
        const p = random();
        const test = { baseline: { pass: 0, fail: 0 }, candidate: { pass: 0, fail: 0 } };
        for (let r = 0; r < 2; r++) {
          const b = random() < p;
          const c = random() < p;
          test.baseline[b ? 'pass' : 'fail']++;
          test.candidate[c ? 'pass' : 'fail']++;
          if (b || !c) break;
        }
        flips.push({ selection: { baseline: { pass: 0, fail: 2 }, candidate: { pass: 2, fail: 0 } }, test });
      }
      sum += splitLikelihoodEValue(flips, 0);
    }
    expect(sum / trials).toBeLessThanOrEqual(1);
  });
});

function count(samples: string) {
  return { pass: [...samples].filter((c) => c === 'p').length, fail: [...samples].filter((c) => c === 'f').length };
}
