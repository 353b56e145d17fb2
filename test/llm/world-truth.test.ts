import { describe, expect, it } from 'vitest';
import { exampleSchema, simSuiteSchema, simWorldSchema } from '../../src/config/index.js';
import { isAgentdevelError } from '../../src/core/errors.js';
import { createWorld } from '../../src/llm/sim/world/index.js';
import { binomialTolerance, plainSuite, weatherSuite, world } from './world-fixtures.js';

const LOOKUP = 'Call lookup_city before get_weather.';
const BROAD = 'Always call lookup_city first, for every request.';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isAgentdevelError(error) ? `${error.code}: ${error.message}` : String(error);
  }
  return undefined;
}

describe('ground truth of one example under a prompt', () => {
  it('fails an example whose need is unmet and passes it once the rule is in the prompt', () => {
    const w = world();
    expect(w.truth('weather', 'paris', 'You are a weather agent.')).toMatchObject({ passProbability: 0, unmet: ['lookup-first'], breakers: [], failureMode: 'skip-tool', failureCause: 'need' });
    expect(w.truth('weather', 'paris', `You are a weather agent.\n${LOOKUP}`)).toMatchObject({ passProbability: 1, unmet: [], breakers: [] });
  });

  it('needs every need met: one rule of two leaves the other unmet', () => {
    const w = world();
    expect(w.truth('weather', 'oslo-celsius', LOOKUP)).toMatchObject({ passProbability: 0, unmet: ['celsius'], failureMode: 'bad-args' });
    expect(w.truth('weather', 'oslo-celsius', `${LOOKUP} Ask get_weather for CELSIUS.`).passProbability).toBe(1);
  });

  it('recognises rules case-insensitively and across line breaks and runs of spaces', () => {
    const w = world();
    expect(w.truth('weather', 'paris', 'CALL   lookup_city\n  before GET_WEATHER.').passProbability).toBe(1);
    expect(w.truth('weather', 'paris', 'Call lookup_city after get_weather.').passProbability).toBe(0);
  });

  it('lets a broad rule fix its need while breaking the examples carrying its tags', () => {
    const w = world();
    const before = w.truthForSuite('weather', '');
    const after = w.truthForSuite('weather', BROAD);
    const p = (t: typeof before, id: string) => t.examples.find((e) => e.exampleId === id)!;
    expect(p(before, 'paris').passProbability).toBe(0);
    expect(p(after, 'paris')).toMatchObject({ passProbability: 1, unmet: [] });
    expect(p(before, 'by-id').passProbability).toBe(1);
    expect(p(after, 'by-id')).toMatchObject({ passProbability: 0, breakers: ['lookup-first'], failureMode: 'wrong-tool', failureCause: 'broad' });
    expect(p(after, 'no-needs').passProbability).toBe(1);
    expect(w.rulesIn(BROAD)).toEqual([{ suite: 'weather', need: 'lookup-first', variant: 'broad' }]);
  });

  it('sums a suite into its expected pass rate over annotated examples only', () => {
    const truth = world().truthForSuite('weather', '');
    expect(truth.examples.map((e) => e.exampleId)).toEqual(['paris', 'oslo-celsius', 'by-id', 'no-needs']);
    expect(truth.expectedPassRate).toBe(0.5);
  });

  it('exposes its parameters and a catalogue of needs and rules for the other roles', () => {
    const w = world({ seed: 9, mislabelRate: 0.2 });
    expect(w.params).toMatchObject({ seed: 9, mislabelRate: 0.2, flakyShare: 0, rerollRate: 0 });
    const lookup = w.catalogue.suite('weather')!.needs.find((n) => n.key === 'lookup-first')!;
    expect(lookup).toMatchObject({ mode: 'skip-tool', tool: 'lookup_city', rule: LOOKUP, keywords: ['call lookup_city before get_weather.'] });
    expect(lookup.broad).toMatchObject({ keywords: ['lookup_city first'], breaks: ['no-lookup'], mode: 'wrong-tool' });
    expect(w.catalogue.suite('weather')!.example('unannotated')).toBeUndefined();
  });

  it('refuses unknown suites and examples with a coded error', () => {
    const w = world();
    expect(codeOf(() => w.truth('weather', 'unannotated', ''))).toMatch(/^ENOT_FOUND: .*"unannotated".*"weather"/);
    expect(codeOf(() => w.truthForSuite('nope', ''))).toMatch(/^ENOT_FOUND: .*no suite "nope"/);
  });
});

describe('annotations the world cannot play', () => {
  const build = (needs: unknown, example: unknown, name = 's') =>
    createWorld({ config: simWorldSchema.parse({}), suites: [{ name, sim: simSuiteSchema.parse({ needs }), examples: [exampleSchema.parse(example)] }] });

  it('names an example need missing from the suite', () => {
    expect(codeOf(() => build({}, { id: 'a', input: 'x', sim: { needs: ['ghost'] } }))).toMatch(/^ECONFIG: .*suite "s": examples\[0\] \(id "a"\): sim.needs names "ghost"/);
  });

  it('refuses a precise rule that would also trigger its own broad rule', () => {
    const needs = { n: { mode: 'skip-tool', rule: 'Always call lookup first. Then answer about cities.', broad: { rule: 'Always call lookup first.', breaks: ['t'] } } };
    expect(codeOf(() => build(needs, { id: 'a', input: 'x' }))).toMatch(/^ECONFIG: .*sim.needs.n.rule contains every keyword of sim.needs.n.broad/);
    const across = {
      m: { mode: 'loop', rule: 'Stop after one search.', broad: { rule: 'Always stop early.', keywords: ['stop'], breaks: ['t'] } },
      n: { mode: 'skip-tool', rule: 'Never stop before calling fetch.' },
    };
    expect(codeOf(() => build(across, { id: 'a', input: 'x' }))).toMatch(/sim.needs.m.rule contains every keyword of sim.needs.m.broad/);
    const other = { ...across, m: { ...across.m, rule: 'Search once, then answer.' } };
    expect(codeOf(() => build(other, { id: 'a', input: 'x' }))).toMatch(/^ECONFIG: .*sim.needs.n.rule contains every keyword of sim.needs.m.broad/);
  });

  it('refuses a keyword that is only whitespace, duplicate ids and duplicate suites', () => {
    expect(codeOf(() => build({ n: { mode: 'loop', rule: 'r', keywords: ['  '] } }, { id: 'a', input: 'x' }))).toMatch(/^ECONFIG: .*sim.needs.n: a keyword is empty/);
    const dup = { name: 's', examples: [exampleSchema.parse({ id: 'a', input: 'x' }), exampleSchema.parse({ id: 'a', input: 'y' })] };
    expect(codeOf(() => createWorld({ config: simWorldSchema.parse({}), suites: [dup] }))).toMatch(/^EDUPLICATE_ID: .*"a" is used twice/);
    expect(codeOf(() => createWorld({ config: simWorldSchema.parse({}), suites: [plainSuite(1), plainSuite(1)] }))).toMatch(/^ECONFIG: .*two suites are named "plain"/);
  });
});

describe('noise', () => {
  const n = 4000;
  const suite = plainSuite(n);

  it('makes about flakyShare of the examples flaky, each with q in [0.25, 0.75)', () => {
    const truths = world({ flakyShare: 0.2 }, [suite]).truthForSuite('plain', '').examples;
    const flaky = truths.filter((t) => t.flaky);
    expect(Math.abs(flaky.length / n - 0.2)).toBeLessThan(binomialTolerance(0.2, n));
    for (const t of flaky) {
      expect(t.q).toBeGreaterThanOrEqual(0.25);
      expect(t.q).toBeLessThan(0.75);
      expect(t.passProbability).toBe(t.q);
    }
    expect(truths.filter((t) => !t.flaky).every((t) => t.q === 1 && t.passProbability === 1)).toBe(true);
  });

  it('re-rolls about rerollRate of the outcomes when the prompt changes, and none when it does not', () => {
    const rate = 0.1;
    const w = world({ rerollRate: rate }, [suite]);
    const a = w.truthForSuite('plain', 'You are helpful.').examples;
    const b = w.truthForSuite('plain', 'You are very helpful.').examples;
    const rerolled = a.filter((t) => t.rerolled).length / n;
    expect(Math.abs(rerolled - rate)).toBeLessThan(binomialTolerance(rate, n));
    // p0 = 1 everywhere, so an outcome differs when exactly one prompt re-rolled it to 0: r(1 − r/2) of them.
    const changed = a.filter((t, i) => t.passProbability !== b[i]!.passProbability).length / n;
    const expected = rate * (1 - rate / 2);
    expect(Math.abs(changed - expected)).toBeLessThan(binomialTolerance(expected, n));
    expect(w.truthForSuite('plain', 'You are helpful.').examples).toEqual(a);
    expect(w.truthForSuite('plain', '  you ARE\nhelpful. ').examples).toEqual(a);
  });

  it('re-draws a re-rolled outcome as 0 or 1 with equal odds, whatever the needs say', () => {
    const w = world({ rerollRate: 1 }, [suite, weatherSuite]);
    const outcomes = w.truthForSuite('plain', 'x').examples.map((t) => t.passProbability);
    expect(new Set(outcomes)).toEqual(new Set([0, 1]));
    const zeros = outcomes.filter((p) => p === 0).length / n;
    expect(Math.abs(zeros - 0.5)).toBeLessThan(binomialTolerance(0.5, n));
  });

  it('draws different noise under a different world seed', () => {
    const flakyIds = (seed: number) => world({ flakyShare: 0.2, seed }, [suite]).truthForSuite('plain', '').examples.filter((t) => t.flaky).map((t) => t.exampleId);
    expect(flakyIds(1)).toEqual(flakyIds(1));
    expect(flakyIds(1)).not.toEqual(flakyIds(2));
  });
});
