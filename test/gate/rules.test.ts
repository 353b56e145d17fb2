import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/core/errors.js';
import { decide, exitCodeOf, mustPassOf, type DecideInput, type GateReason, type GateResult } from '../../src/gate/index.js';
import { many, policy, side, type ExampleSpec } from './build.js';

/** A baseline of `passes` passing and `fails` failing dev examples, and a candidate that changes some. */
function world(options: { passes?: number; fails?: number; regress?: number; fix?: number; extra?: { baseline: ExampleSpec[]; candidate: ExampleSpec[] } }) {
  const { passes = 100, fails = 20, regress = 0, fix = 0 } = options;
  const baseline = [...many('p', passes, 'p'), ...many('f', fails, 'f'), ...(options.extra?.baseline ?? [])];
  const candidate = [
    ...many('p', passes, 'p').map((e, i) => (i < regress ? { ...e, samples: 'f' } : e)),
    ...many('f', fails, 'f').map((e, i) => (i < fix ? { ...e, samples: 'p' } : e)),
    ...(options.extra?.candidate ?? []),
  ];
  return { baseline: side(baseline), candidate: side(candidate) };
}

/** Gate with flips counted as observed (confirmation is tested on its own), intent off unless asked. */
function gate(sides: Pick<DecideInput, 'baseline' | 'candidate'>, changes: Record<string, unknown> = {}, rest: Partial<DecideInput> = {}): GateResult {
  return decide({ policy: policy({ confirmRuns: 0, minIntentAlignment: 0, ...changes }), ...sides, ...rest });
}

const rule = (result: GateResult, name: GateReason['rule']) => result.reasons.find((r) => r.rule === name)!;

describe('policy rules', () => {
  it('accepts a clean improvement, every reason passed and given as data', () => {
    const result = gate(world({ fix: 3 }));
    expect(result.decision).toBe('accept');
    expect(result.exitCode).toBe(0);
    expect(result.reasons.map((r) => r.rule)).toEqual(['coverage', 'error-budget', 'confirmation', 'must-pass', 'max-p2f-rate', 'min-f2p', 'mcnemar', 'holdout', 'intent-alignment']);
    for (const r of result.reasons) {
      expect(r.passed).toBe(true);
      expect(Object.keys(r).sort()).toEqual(['effect', 'exampleCount', 'examples', 'message', 'observed', 'passed', 'rule', 'threshold']);
    }
    expect(result.counts).toMatchObject({ examples: 120, dev: 120, f2p: 3, p2f: 0, baselinePasses: 100, baselineFails: 20, stablePass: 100, stableFail: 17 });
    expect(result.rates.f2pRate).toBeCloseTo(0.15, 12);
    expect(result.pValue).toBeCloseTo(0.25, 12);
  });

  it('max-p2f-rate: 1 of 100 baseline passes is allowed at 1%, 2 are not', () => {
    const one = gate(world({ regress: 1, fix: 5 }));
    expect(rule(one, 'max-p2f-rate')).toMatchObject({ passed: true, threshold: 0.01, observed: 0.01, examples: ['s/p0'] });
    const two = gate(world({ regress: 2, fix: 5 }));
    expect(rule(two, 'max-p2f-rate')).toMatchObject({ passed: false, effect: 'reject', threshold: 0.01, observed: 0.02, examples: ['s/p0', 's/p1'], exampleCount: 2 });
    expect(two.decision).toBe('reject');
    expect(two.exitCode).toBe(ExitCode.gateRejected);
  });

  it('max-p2f: a count limit when set, absent otherwise', () => {
    expect(gate(world({ fix: 1 })).reasons.some((r) => r.rule === 'max-p2f')).toBe(false);
    const result = gate(world({ regress: 2, fix: 9 }), { maxP2F: 1, maxP2FRate: 1 });
    expect(rule(result, 'max-p2f')).toMatchObject({ passed: false, threshold: 1, observed: 2 });
    expect(rule(gate(world({ regress: 1, fix: 9 }), { maxP2F: 1, maxP2FRate: 1 }), 'max-p2f').passed).toBe(true);
  });

  it('min-f2p: a candidate that fixes nothing is rejected', () => {
    const result = gate(world({}));
    expect(rule(result, 'min-f2p')).toMatchObject({ passed: false, threshold: 1, observed: 0 });
    expect(result.decision).toBe('reject');
    expect(gate(world({}), { minF2P: 0 }).decision).toBe('accept');
  });

  it('mcnemar no-regression: rejects only a significantly worse candidate', () => {
    // 8 P→F vs 1 F→P: p = 2·(1 + 9)/512 = 0.0390625 < 0.05, and worse.
    const worse = gate(world({ regress: 8, fix: 1 }), { maxP2FRate: 1 });
    expect(rule(worse, 'mcnemar')).toMatchObject({ passed: false, threshold: 0.05, examples: expect.arrayContaining(['s/p7']) });
    expect(rule(worse, 'mcnemar').observed).toBeCloseTo(0.0390625, 12);
    // 5 P→F vs 0: p = 0.0625, not significant.
    const notSignificant = gate(world({ regress: 5, fix: 0 }), { maxP2FRate: 1, minF2P: 0 });
    expect(rule(notSignificant, 'mcnemar').passed).toBe(true);
    // Significantly better passes too.
    expect(rule(gate(world({ fix: 10 })), 'mcnemar').passed).toBe(true);
  });

  it('mcnemar improvement: accepts only a significantly better candidate', () => {
    const five = gate(world({ fix: 5 }), { mcnemar: { require: 'improvement' } });
    expect(rule(five, 'mcnemar')).toMatchObject({ passed: false, observed: 0.0625 });
    expect(five.decision).toBe('reject');
    const six = gate(world({ fix: 6 }), { mcnemar: { require: 'improvement' } });
    expect(rule(six, 'mcnemar')).toMatchObject({ passed: true, observed: 0.03125 });
    expect(six.decision).toBe('accept');
    const worse = gate(world({ regress: 8, fix: 1 }), { maxP2FRate: 1, mcnemar: { require: 'improvement' } });
    expect(rule(worse, 'mcnemar').passed).toBe(false);
  });

  it('must-pass: a confirmed regression there rejects whatever the totals', () => {
    const sides = world({ regress: 1, fix: 15 });
    expect(gate(sides).decision).toBe('accept'); // 1% P→F, 15 fixes, significant: fine ...
    const byPolicy = gate(sides, { mustPass: ['p0'] }); // ... unless p0 must pass
    expect(byPolicy.decision).toBe('reject');
    expect(rule(byPolicy, 'must-pass')).toMatchObject({ passed: false, threshold: 0, observed: 1, examples: ['s/p0'] });
    expect(byPolicy.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['must-pass']);
    expect(byPolicy.flips.find((f) => f.key === 's/p0')!.mustPass).toBe(true);
    // The suites' lists, as suite/id, and tags.
    const bySuite = gate(sides, {}, { mustPass: mustPassOf(policy(), [{ name: 's', config: { mustPass: ['p0'] } }]) });
    expect(rule(bySuite, 'must-pass').passed).toBe(false);
    const tagged = world({ regress: 0, fix: 15, extra: { baseline: [{ key: 'vip', samples: 'p', tags: ['critical'] }], candidate: [{ key: 'vip', samples: 'f', tags: ['critical'] }] } });
    expect(rule(gate(tagged, { mustPass: ['tag:critical'] }), 'must-pass')).toMatchObject({ passed: false, examples: ['s/vip'] });
    expect(rule(gate(tagged, { mustPass: ['other/vip', 'tag:other'] }), 'must-pass').passed).toBe(true);
  });

  it('must-pass: a flaky flip is reported, not a regression', () => {
    const sides = world({ regress: 1, fix: 15 });
    const result = gate(sides, { mustPass: ['p0'] }, { flakyMemory: { schemaVersion: 1, examples: { 's/p0': { stableRuns: 0 } } } });
    expect(result.flaky).toEqual(['s/p0']);
    expect(rule(result, 'must-pass').passed).toBe(true);
  });

  it('error budget: above it the gate is inconclusive, whatever else fails', () => {
    const errors = many('err', 3, 'e');
    // 3 error records of 123 on the candidate side: 2.4% > 2%; the candidate also regresses.
    const sides = world({ regress: 5, fix: 1, extra: { baseline: many('err', 3, 'p'), candidate: errors } });
    const result = gate(sides);
    expect(rule(result, 'error-budget')).toMatchObject({ passed: false, effect: 'inconclusive', threshold: 0.02, examples: ['s/err0', 's/err1', 's/err2'] });
    expect(rule(result, 'error-budget').observed).toBeCloseTo(3 / 123, 12);
    expect(rule(result, 'max-p2f-rate').passed).toBe(false);
    expect(result.decision).toBe('inconclusive');
    expect(result.exitCode).toBe(ExitCode.gateInconclusive);
    expect(result.counts.missing).toBe(3);
    // Within budget, the same regressions reject.
    expect(gate(sides, { maxErrorRate: 0.05 }).decision).toBe('reject');
  });

  it('coverage: examples run on one side only, or a must-pass example without a verdict, make it inconclusive', () => {
    const absent = world({ fix: 2, extra: { baseline: [{ key: 'gone', samples: 'p' }], candidate: [] } });
    const result = gate(absent);
    expect(rule(result, 'coverage')).toMatchObject({ passed: false, effect: 'inconclusive', observed: 1, examples: ['s/gone'] });
    expect(result.decision).toBe('inconclusive');
    const unjudged = world({ fix: 2, extra: { baseline: [{ key: 'vip', samples: 'p' }], candidate: [{ key: 'vip', samples: 'e' }] } });
    expect(rule(gate(unjudged, { maxErrorRate: 1, mustPass: ['vip'] }), 'coverage')).toMatchObject({ passed: false, examples: ['s/vip'] });
    expect(gate(unjudged, { maxErrorRate: 1 }).decision).toBe('accept');
  });

  it('holdout: net confirmed holdout regressions over holdout examples, at most maxDrop', () => {
    const holdout = (regress: number, fix: number) => ({
      baseline: [...many('h', 45, 'p', { split: 'holdout' }), ...many('hf', 5, 'f', { split: 'holdout' })],
      candidate: [...many('h', 45, 'p', { split: 'holdout' }).map((e, i) => (i < regress ? { ...e, samples: 'f' } : e)), ...many('hf', 5, 'f', { split: 'holdout' }).map((e, i) => (i < fix ? { ...e, samples: 'p' } : e))],
    });
    const one = gate(world({ fix: 3, extra: holdout(1, 0) }));
    expect(rule(one, 'holdout')).toMatchObject({ passed: true, threshold: 0.02, observed: 0.02 });
    expect(one.counts).toMatchObject({ holdout: 50, holdoutP2F: 1, p2f: 0 });
    const two = gate(world({ fix: 3, extra: holdout(2, 0) }));
    expect(rule(two, 'holdout')).toMatchObject({ passed: false, observed: 0.04, examples: ['s/h0', 's/h1'] });
    expect(two.decision).toBe('reject');
    expect(rule(gate(world({ fix: 3, extra: holdout(2, 1) })), 'holdout')).toMatchObject({ passed: true, observed: 0.02 });
    expect(rule(gate(world({ fix: 3 })), 'holdout')).toMatchObject({ passed: true, observed: null, message: expect.stringMatching(/no holdout/) });
    expect(two.rates.passRate.baseline.holdout).toBeCloseTo(0.9, 12);
    expect(two.rates.passRate.candidate.holdout).toBeCloseTo(0.86, 12);
  });

  it('intent alignment: the share of fixes whose baseline failure carried a targeted symptom', () => {
    const sides = world({ fix: 3 });
    const critiques = [
      { suite: 's', exampleId: 'f0', status: 'fail' as const, symptoms: [{ label: 'wrong-tool' }] },
      { suite: 's', exampleId: 'f1', status: 'fail' as const, symptoms: [{ label: 'hallucinated-fact' }] },
      { suite: 's', exampleId: 'f2', status: 'pass' as const, symptoms: [{ label: 'wrong-tool' }] }, // a fragile pass, not a failure
    ];
    const low = gate(sides, { minIntentAlignment: 0.5 }, { critiques, intent: { targets: ['wrong-tool'] } });
    expect(rule(low, 'intent-alignment')).toMatchObject({ passed: false, threshold: 0.5, examples: ['s/f1', 's/f2'] });
    expect(rule(low, 'intent-alignment').observed).toBeCloseTo(1 / 3, 12);
    expect(low.decision).toBe('reject');
    expect(low.flips.find((f) => f.key === 's/f1')!.baselineSymptoms).toEqual(['hallucinated-fact']);
    const high = gate(sides, { minIntentAlignment: 0.5 }, { critiques, intent: { targets: ['wrong-tool', 'hallucinated-fact'] } });
    expect(rule(high, 'intent-alignment')).toMatchObject({ passed: true, examples: ['s/f0', 's/f1'] });
    expect(high.rates.intentAlignment).toBeCloseTo(2 / 3, 12);
    const noIntent = gate(sides, { minIntentAlignment: 0.5 }, { critiques });
    expect(rule(noIntent, 'intent-alignment')).toMatchObject({ passed: true, observed: null, message: expect.stringMatching(/not applied/) });
  });

  it('mode aggregate: accepts when the dev pass rate rises, nothing else', () => {
    const rises = gate(world({ regress: 3, fix: 5 }), { mode: 'aggregate', mustPass: ['p0'] });
    expect(rises.reasons.map((r) => [r.rule, r.passed])).toEqual([['coverage', true], ['error-budget', true], ['aggregate', true]]);
    expect(rises.decision).toBe('accept');
    expect(rises.counts.p2f).toBe(3); // still measured and reported
    const falls = gate(world({ regress: 5, fix: 3 }), { mode: 'aggregate' });
    expect(rule(falls, 'aggregate')).toMatchObject({ passed: false, threshold: 100 / 120, observed: 98 / 120 });
    expect(falls.decision).toBe('reject');
    expect(gate(world({ regress: 3, fix: 3 }), { mode: 'aggregate' }).decision).toBe('reject');
  });

  it('mode always: accepts every candidate', () => {
    const result = gate(world({ regress: 50 }), { mode: 'always' });
    expect(result.decision).toBe('accept');
    expect(result.reasons).toEqual([expect.objectContaining({ rule: 'always', passed: true })]);
    expect(result.counts.p2f).toBe(50);
  });

  it('maps decisions to exit codes 0 / 10 / 11', () => {
    expect([exitCodeOf('accept'), exitCodeOf('reject'), exitCodeOf('inconclusive')]).toEqual([0, 10, 11]);
  });

  it('refuses two empty runs and runs that disagree on an example\'s split (EGATE_INPUT)', () => {
    expect(() => gate({ baseline: side({}), candidate: side({}) })).toThrow(/both runs are empty/);
    expect(() => gate({ baseline: side([{ key: 'a', samples: 'p' }]), candidate: side([{ key: 'a', samples: 'p', split: 'holdout' }]) })).toThrow(/s\/a: split dev in the baseline run, holdout in the candidate's/);
  });
});
