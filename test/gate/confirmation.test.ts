import { describe, expect, it } from 'vitest';
import { decide, emptyFlakyMemory, flipsToConfirm, nextConfirmationRound } from '../../src/gate/index.js';
import { many, policy, side } from './build.js';

/** 40 stable passes and 10 stable fails around the examples under test, so rates stay meaningful. */
const background = { ...Object.fromEntries(many('pass', 40, 'p').map((e) => [e.key, e.samples])), ...Object.fromEntries(many('fail', 10, 'f').map((e) => [e.key, e.samples])) };

describe('confirmation reruns', () => {
  it('turns an apparent flip into flaky when the reruns disagree with themselves', () => {
    const baseline = side({ ...background, fix: 'f', wobble: 'p' });
    const candidate = side({ ...background, fix: 'p', wobble: 'f' });
    expect(flipsToConfirm(baseline, candidate)).toEqual(['s/fix', 's/wobble']);
    // k = 3 reruns per side: fix stays failing on the baseline and passing on the RC; wobble passes again on the RC.
    const confirmations = { baseline: side({ fix: 'fff', wobble: 'ppp' }), candidate: side({ fix: 'ppp', wobble: 'fpf' }) };
    const result = decide({ policy: policy({ minIntentAlignment: 0 }), baseline, candidate, confirmations });
    expect(result.flaky).toEqual(['s/wobble']);
    expect(result.counts).toMatchObject({ p2f: 0, f2p: 1, flaky: 1, observedP2F: 1, observedF2P: 1, unconfirmed: 0 });
    const wobble = result.flips.find((flip) => flip.key === 's/wobble')!;
    expect(wobble).toMatchObject({ direction: 'p2f', status: 'flaky', flakySource: 'samples', baseline: { pass: 4, fail: 0, passRate: 1 }, candidate: { pass: 1, fail: 3, passRate: 0.25 } });
    expect(result.flips.find((flip) => flip.key === 's/fix')).toMatchObject({ status: 'confirmed', baseline: { passRate: 0 }, candidate: { passRate: 1 } });
    expect(result.decision).toBe('accept');
    expect(result.counts.records.confirmation).toBe(12);
  });

  it('counts a flip that holds on every rerun as confirmed, and a flip already mixed on its first samples as flaky', () => {
    const baseline = side({ ...background, broke: 'ppp', mixed: 'ppf' });
    const candidate = side({ ...background, broke: 'fff', mixed: 'fff' });
    expect(flipsToConfirm(baseline, candidate)).toEqual(['s/broke']);
    const confirmations = { baseline: side({ broke: 'ppp' }), candidate: side({ broke: 'fff' }) };
    const result = decide({ policy: policy(), baseline, candidate, confirmations });
    expect(result.flips.map((flip) => [flip.key, flip.status, flip.flakySource])).toEqual([
      ['s/broke', 'confirmed', undefined],
      ['s/mixed', 'flaky', 'samples'],
    ]);
    expect(result.counts.p2f).toBe(1);
    expect(result.decision).toBe('reject');
  });

  it('is inconclusive when a flip whose reruns could change the decision has none (never a verdict on missing data)', () => {
    const baseline = side({ ...background, broke: 'p', fix: 'f' });
    const candidate = side({ ...background, broke: 'f', fix: 'p' });
    const result = decide({ policy: policy({ minIntentAlignment: 0 }), baseline, candidate });
    expect(result.decision).toBe('inconclusive');
    expect(result.exitCode).toBe(11);
    expect(result.reasons.find((r) => r.rule === 'confirmation')).toMatchObject({ passed: false, effect: 'inconclusive', threshold: 3, observed: 2, examples: ['s/broke', 's/fix'] });
    // Reruns that all errored are no confirmation either.
    const errored = decide({ policy: policy({ maxErrorRate: 1, minIntentAlignment: 0 }), baseline, candidate, confirmations: { baseline: side({ broke: 'eee', fix: 'fff' }), candidate: side({ broke: 'fff', fix: 'ppp' }) } });
    expect(errored.flips[0]!.status).toBe('unconfirmed');
    expect(errored.decision).toBe('inconclusive');
    // Fewer agreeing reruns than confirmRuns: not confirmed yet.
    const short = decide({ policy: policy({ minIntentAlignment: 0 }), baseline, candidate, confirmations: { baseline: side({ broke: 'pp', fix: 'ff' }), candidate: side({ broke: 'ff', fix: 'pp' }) } });
    expect(short.flips.map((flip) => flip.status)).toEqual(['unconfirmed', 'unconfirmed']);
  });

  it('decides without reruns when none could change the decision, and says so', () => {
    // No fix at all: whatever the regression's reruns show, min-f2p rejects.
    const baseline = side({ ...background, broke: 'p' });
    const candidate = side({ ...background, broke: 'f' });
    expect(nextConfirmationRound({ policy: policy(), baseline, candidate })).toEqual([]);
    const result = decide({ policy: policy(), baseline, candidate });
    expect(result.decision).toBe('reject');
    expect(result.reasons.find((r) => r.rule === 'confirmation')).toMatchObject({ passed: true, observed: 1, examples: ['s/broke'], message: expect.stringMatching(/no rerun can change the decision/) });
    expect(result.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['min-f2p']);
    expect(result.flips[0]!.status).toBe('unconfirmed');
    // An unconfirmed must-pass regression is never settled against the candidate by itself: counted flaky in its favour, it still needs its reruns.
    const open = { policy: policy({ mustPass: ['s/broke'], minIntentAlignment: 0 }), baseline: side({ ...background, broke: 'p', fix: 'f' }), candidate: side({ ...background, broke: 'f', fix: 'p' }) };
    expect(nextConfirmationRound(open)).toEqual(['s/broke', 's/fix']);
  });

  it('with confirmRuns 0, flips count as observed (majority) and only the memory makes them flaky', () => {
    const baseline = side({ ...background, broke: 'ppf', remembered: 'p' });
    const candidate = side({ ...background, broke: 'ffp', remembered: 'f' });
    const memory = { schemaVersion: 1 as const, examples: { 's/remembered': { stableRuns: 0 } } };
    const result = decide({ policy: policy({ confirmRuns: 0 }), baseline, candidate, flakyMemory: memory });
    expect(result.flips.map((flip) => [flip.key, flip.status, flip.flakySource])).toEqual([
      ['s/broke', 'confirmed', undefined],
      ['s/remembered', 'flaky', 'memory'],
    ]);
    expect(result.reasons.find((r) => r.rule === 'confirmation')).toMatchObject({ passed: true, message: expect.stringMatching(/count as observed/) });
    expect(result.decision).toBe('reject');
    // The mixed samples were still measured: the memory now marks s/broke.
    expect(Object.keys(result.flakyMemory.examples)).toEqual(['s/broke', 's/remembered']);
  });

  it('reports a remembered flaky example that flips as flaky, even when its reruns agree', () => {
    const baseline = side({ ...background, old: 'p' });
    const candidate = side({ ...background, old: 'f' });
    const memory = { ...emptyFlakyMemory(), examples: { 's/old': { stableRuns: 1 } } };
    const confirmations = { baseline: side({ old: 'ppp' }), candidate: side({ old: 'fff' }) };
    const result = decide({ policy: policy({ minF2P: 0 }), baseline, candidate, confirmations, flakyMemory: memory });
    expect(result.flips[0]).toMatchObject({ key: 's/old', status: 'flaky', flakySource: 'memory' });
    expect(result.counts.p2f).toBe(0);
    expect(result.decision).toBe('accept');
    // A flip neither marks nor clears: the entry is unchanged.
    expect(result.flakyMemory.examples['s/old']).toEqual({ stableRuns: 1 });
  });

  it('ignores reruns of examples that did not flip', () => {
    const baseline = side({ ...background, fix: 'f' });
    const candidate = side({ ...background, fix: 'p' });
    const confirmations = { baseline: side({ fix: 'fff', pass0: 'fff' }), candidate: side({ fix: 'ppp', pass0: 'fff' }) };
    const result = decide({ policy: policy({ minIntentAlignment: 0 }), baseline, candidate, confirmations });
    expect(result.counts).toMatchObject({ p2f: 0, f2p: 1, stablePass: 40 });
    expect(result.decision).toBe('accept');
  });
});
