import { describe, expect, it } from 'vitest';
import { outcomesOf, type GateRecord } from '../../src/gate/index.js';
import { accountLine, observedFlips, type AccountStep, type TruthVersion } from '../../src/study/index.js';
import { deskTruth, deskWorld, versions } from './world-fixture.js';

const truth = deskTruth();
const of = (v: TruthVersion) => truth.of(v);

function step(n: number, decision: AccountStep['decision'], parent: TruthVersion, candidate: TruthVersion | null, observed: AccountStep['observed'] = null, acceptedRegressions: string[] = []): AccountStep {
  return { n, decision, parent, candidate, observed, failedRules: decision === 'reject' ? ['max-p2f-rate'] : [], acceptedRegressions };
}

describe('ground truth of the hand-made world', () => {
  it('knows each version exactly: the unchanged agent passes c1 c2 p1, the precise rule adds o1 o2 o3, the broad one trades c1 c2 for them', () => {
    const at = (v: TruthVersion) => Object.fromEntries(truth.of(v).byKey);
    expect(at(versions.v0)).toEqual({ 'desk/o1': 0, 'desk/o2': 0, 'desk/o3': 0, 'desk/d1': 0, 'desk/c1': 1, 'desk/c2': 1, 'desk/p1': 1 });
    expect(at(versions.precise)).toMatchObject({ 'desk/o1': 1, 'desk/o2': 1, 'desk/o3': 1, 'desk/c1': 1, 'desk/c2': 1, 'desk/d1': 0 });
    expect(at(versions.broad)).toMatchObject({ 'desk/o1': 1, 'desk/o3': 1, 'desk/c1': 0, 'desk/c2': 0, 'desk/p1': 1 });
    expect(truth.of(versions.v0)).toMatchObject({ dev: 1 / 5, holdout: 1, all: 3 / 7 });
    expect(truth.of(versions.broad)).toMatchObject({ dev: 3 / 5, holdout: 1 / 2, all: 4 / 7 });
    expect(truth.of(versions.v0)).toBe(truth.of({ ...versions.v0 })); // remembered by hash
  });
});

describe('accountLine', () => {
  it('counts a promoted over-broad rule: its broken examples are regressions shipped, and a bad release because holdout dropped', () => {
    const account = accountLine([step(1, 'accept', versions.v0, versions.broad)], { start: versions.v0, final: versions.broad }, of);
    expect(account).toMatchObject({ candidates: 1, promotions: 1, regressionsShipped: 2, unnamedShipped: 2, acceptedRegressions: 0, fixesShipped: 3, badReleases: 1, wronglyRejected: 0, shippedCauses: { broad: 2, reroll: 0, other: 0 } });
    // Named by the gate when it promoted: the regressions shipped are accounted for; a name of an example that did not regress counts as named, not as shipped.
    const named = accountLine([step(1, 'accept', versions.v0, versions.broad, null, ['desk/c1', 'desk/c2', 'desk/o2'])], { start: versions.v0, final: versions.broad }, of);
    expect(named).toMatchObject({ regressionsShipped: 2, unnamedShipped: 0, acceptedRegressions: 3 });
    expect(account.start).toEqual({ dev: 1 / 5, holdout: 1 });
    expect(account.final).toEqual({ dev: 3 / 5, holdout: 1 / 2 });
    expect(account.steps[0]!.trueChange!.holdout).toBeCloseTo(-0.5);
    // The broad rule is "good" on the whole (+1 of 7 examples net) yet ships two regressions: both are counted.
    expect(account.steps[0]!.good).toBe(true);
  });

  it('counts a rejected precise rule as a wrongly rejected good candidate, clean (it breaks nothing)', () => {
    const account = accountLine([step(1, 'reject', versions.v0, versions.precise)], { start: versions.v0, final: versions.v0 }, of);
    expect(account).toMatchObject({ candidates: 1, promotions: 0, rejections: 1, regressionsShipped: 0, badReleases: 0, wronglyRejected: 1, wronglyRejectedClean: 1, refusedBy: { 'max-p2f-rate': 1 } });
    expect(account.final).toEqual(account.start);
  });

  it('does not count the refusal of a candidate that changes nothing, nor an inconclusive broad rule as clean', () => {
    const account = accountLine(
      [step(1, 'reject', versions.v0, versions.harmless), step(2, 'inconclusive', versions.v0, versions.broad), step(3, 'no-candidate', versions.v0, null)],
      { start: versions.v0, final: versions.v0 },
      of,
    );
    expect(account).toMatchObject({ candidates: 2, rejections: 1, inconclusive: 1, noCandidate: 1, wronglyRejected: 1, wronglyRejectedClean: 0, refusedGoodCauses: { broad: 2 } });
  });

  it('follows a line of several promotions: a clean precise promotion ships nothing, the broad one on top ships its breakage', () => {
    const both = { hash: 'both', system: `${versions.precise.system}\nCall lookup in every conversation.` };
    const account = accountLine([step(1, 'accept', versions.v0, versions.precise), step(2, 'accept', versions.precise, both)], { start: versions.v0, final: both }, of);
    expect(account).toMatchObject({ promotions: 2, regressionsShipped: 2, fixesShipped: 3, badReleases: 1 });
    expect(account.steps.map((s) => s.regressions)).toEqual([0, 2]);
    expect(account.steps[1]!.good).toBe(false); // it only loses c1 and c2
  });

  it('pools the observed P→F rate over promotions only, and has none without a promotion', () => {
    const steps = [
      step(1, 'accept', versions.v0, versions.precise, { p2f: 2, baselinePasses: 10 }),
      step(2, 'reject', versions.precise, versions.broad, { p2f: 9, baselinePasses: 10 }),
      step(3, 'accept', versions.precise, versions.harmless, { p2f: 1, baselinePasses: 10 }),
    ];
    expect(accountLine(steps, { start: versions.v0, final: versions.harmless }, of).observedP2FRate).toBeCloseTo(3 / 20);
    expect(accountLine([steps[1]!], { start: versions.v0, final: versions.v0 }, of).observedP2FRate).toBeNull();
  });

  it('blames a re-roll for a regression where the prompt re-drew the example', () => {
    const noisy = deskTruth(deskWorld({ rerollRate: 1 }));
    const account = accountLine([step(1, 'accept', versions.v0, versions.harmless)], { start: versions.v0, final: versions.harmless }, (v) => noisy.of(v));
    expect(account.regressionsShipped).toBeGreaterThan(0); // with every example re-drawn, some that passed now fail
    expect(account.shippedCauses).toEqual({ reroll: account.regressionsShipped, broad: 0, other: 0 });
  });
});

describe('observedFlips', () => {
  it('counts pass→fail examples of the paired runs over the baseline passes, by majority per example', () => {
    const records = (statuses: Record<string, Array<'pass' | 'fail'>>): GateRecord[] =>
      Object.entries(statuses).flatMap(([id, list]) => list.map((status) => ({ suite: 'desk', exampleId: id, split: 'dev' as const, tags: [], status })));
    const baseline = outcomesOf(records({ a: ['pass'], b: ['pass'], c: ['fail'], d: ['pass', 'pass', 'fail'] }));
    const candidate = outcomesOf(records({ a: ['fail'], b: ['pass'], c: ['pass'], d: ['fail', 'fail', 'pass'] }));
    expect(observedFlips(baseline, candidate)).toEqual({ p2f: 2, baselinePasses: 3 });
  });
});
