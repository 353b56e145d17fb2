import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGatePolicy, loadProject, gatePolicySchema } from '../../src/config/index.js';
import { comparisonPolicy, decide, flipsToConfirm, mustPassOf, type DecideInput, type Outcomes } from '../../src/gate/index.js';
import { loadSuite } from '../../src/suite/index.js';
import { many, side, type ExampleSpec } from './build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = await loadProject({ cwd: root });
const shipped = { default: await loadGatePolicy(project, 'default'), lenient: await loadGatePolicy(project, 'lenient') };

/** 50 passing and 10 failing dev examples; the candidate's changes are given per example. */
function sides(changes: Record<string, [string, string]>, extra: ExampleSpec[] = []): { baseline: Outcomes; candidate: Outcomes } {
  const base = [...many('p', 50, 'p'), ...many('f', 10, 'f'), ...extra];
  return {
    baseline: side(base.map((e) => (changes[e.key] ? { ...e, samples: changes[e.key]![0] } : e))),
    candidate: side(base.map((e) => (changes[e.key] ? { ...e, samples: changes[e.key]![1] } : e))),
  };
}

/** Runs the gate as the release loop does: confirmation reruns of flipsToConfirm's keys, `reruns` (by key, or bare id in suite s) giving each side's samples. */
function gateWithReruns(input: Omit<DecideInput, 'confirmations'>, reruns: Record<string, [string, string]>) {
  const keys = flipsToConfirm(input.baseline, input.candidate, input.policy);
  const samplesOf = (key: string, i: 0 | 1) => (reruns[key] ?? reruns[key.replace(/^s\//, '')])?.[i] ?? '';
  const pick = (i: 0 | 1) => side(keys.map((key) => ({ key, samples: samplesOf(key, i) })).filter((e) => e.samples));
  return decide({ ...input, confirmations: { baseline: pick(0), candidate: pick(1) } });
}

const twoFixes = { f0: ['f', 'p'], f1: ['f', 'p'] } as Record<string, [string, string]>;
const fixesConfirmed = { f0: ['fff', 'ppp'], f1: ['fff', 'ppp'] } as Record<string, [string, string]>;

describe('shipped gate policies', () => {
  it('validate, and default.yaml is the schema\'s defaults (what the comparison policy "default" means)', () => {
    for (const policy of Object.values(shipped)) expect(gatePolicySchema.parse(policy)).toEqual(policy);
    const { name: _a, description: _b, ...fields } = shipped.default;
    const { name: _c, ...defaults } = comparisonPolicy('default');
    expect(fields).toEqual(defaults);
    expect(shipped.default).toMatchObject({ name: 'default', maxP2FRate: 0.01, confirmRuns: 3, mcnemar: { alpha: 0.05, require: 'no-regression' } });
    expect(shipped.lenient).toMatchObject({ name: 'lenient', maxP2FRate: 0.05, confirmRuns: 2, minIntentAlignment: 0 });
  });

  it('default refuses one confirmed regression among 50 passes; lenient lets it through', () => {
    const input = { ...sides({ ...twoFixes, p0: ['p', 'f'] }) };
    const reruns = { ...fixesConfirmed, p0: ['ppp', 'fff'] } as Record<string, [string, string]>;
    const strict = gateWithReruns({ ...input, policy: shipped.default }, reruns);
    expect(strict.decision).toBe('reject');
    expect(strict.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['max-p2f-rate']);
    expect(gateWithReruns({ ...input, policy: shipped.lenient }, reruns).decision).toBe('accept');
  });

  it('both honour the suites\' must-pass examples, whatever the totals', async () => {
    const suite = await loadSuite(project, 'support-desk');
    const vip = `support-desk/${suite.config.mustPass[0]!}`;
    const mustPass = mustPassOf(shipped.lenient, [suite]);
    expect(mustPass).toContain(vip);
    // Ten confirmed fixes (p = 0.002) and one confirmed regression: on the suite's must-pass example.
    const changes: Record<string, [string, string]> = { ...Object.fromEntries(many('f', 10, 'f').map((e) => [e.key, ['f', 'p']])), [vip]: ['p', 'f'] };
    const input = sides(changes, [{ key: vip, samples: 'p' }]);
    for (const policy of Object.values(shipped)) {
      const reruns = Object.fromEntries(Object.entries(changes).map(([k, [b, c]]) => [k, [b.repeat(policy.confirmRuns), c.repeat(policy.confirmRuns)]])) as Record<string, [string, string]>;
      const result = gateWithReruns({ ...input, policy, mustPass }, reruns);
      expect(result.decision).toBe('reject');
      expect(result.counts).toMatchObject({ f2p: 10, p2f: 1 });
      expect(result.reasons.find((r) => r.rule === 'must-pass')).toMatchObject({ passed: false, examples: [vip] });
    }
    // Lenient would take one regression in 51 (2%) if it were not a must-pass example.
    expect(gateWithReruns({ ...input, policy: shipped.lenient }, Object.fromEntries(Object.entries(changes).map(([k, [b, c]]) => [k, [b + b, c + c]]))).decision).toBe('accept');
  });

  it('default lets a flaky flip go (reported, not counted); lenient too', () => {
    const input = sides({ ...twoFixes, p0: ['p', 'f'] });
    const reruns = { ...fixesConfirmed, p0: ['ppp', 'ppf'] } as Record<string, [string, string]>;
    for (const policy of Object.values(shipped)) {
      const result = gateWithReruns({ ...input, policy, intent: { targets: ['x'] } }, reruns);
      expect(result.flaky).toEqual(['s/p0']);
      expect(result.counts.p2f).toBe(0);
      expect(result.decision).toBe('accept'); // no intent critiques given: the intent rule is not applied
    }
  });

  it('holdout: default allows a 2% drop, not 4%; lenient allows 4%', () => {
    const holdout = many('h', 50, 'p', { split: 'holdout' });
    const input = sides({ ...twoFixes, h0: ['p', 'f'], h1: ['p', 'f'] }, holdout);
    const reruns = { ...fixesConfirmed, h0: ['ppp', 'fff'], h1: ['ppp', 'fff'] } as Record<string, [string, string]>;
    const strict = gateWithReruns({ ...input, policy: shipped.default }, reruns);
    expect(strict.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['holdout']);
    expect(gateWithReruns({ ...input, policy: shipped.lenient }, reruns).decision).toBe('accept');
  });

  it('the study\'s comparison policies differ as designed on the same candidate', () => {
    // A good candidate (2 real fixes) on a suite with a flaky example that happens to flip.
    const good = sides({ ...twoFixes, p3: ['p', 'f'] });
    const goodReruns = { ...fixesConfirmed, p3: ['pfp', 'ppf'] } as Record<string, [string, string]>;
    expect(gateWithReruns({ ...good, policy: comparisonPolicy('default') }, goodReruns).decision).toBe('accept');
    expect(gateWithReruns({ ...good, policy: comparisonPolicy('flips-unconfirmed') }, goodReruns).decision).toBe('reject');
    // A bad candidate: 4 real fixes bought with 3 real regressions. Aggregate ships it, the flip gates do not.
    const bad = sides({ f0: ['f', 'p'], f1: ['f', 'p'], f2: ['f', 'p'], f3: ['f', 'p'], p0: ['p', 'f'], p1: ['p', 'f'], p2: ['p', 'f'] });
    expect(decide({ ...bad, policy: comparisonPolicy('aggregate') }).decision).toBe('accept');
    expect(decide({ ...bad, policy: comparisonPolicy('flips-unconfirmed') }).decision).toBe('reject');
    expect(decide({ ...bad, policy: comparisonPolicy('none') }).decision).toBe('accept');
    expect(comparisonPolicy('default', { mcnemar: { alpha: 0.01, require: 'improvement' } }).mcnemar.alpha).toBe(0.01);
  });
});
