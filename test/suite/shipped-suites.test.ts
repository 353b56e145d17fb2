import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject, type SimNeed } from '../../src/config/index.js';
import { createScorer, type Scorer } from '../../src/scoring/index.js';
import { loadSuite, type LoadedExample, type LoadedSuite } from '../../src/suite/index.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

async function shipped(name: string): Promise<{ suite: LoadedSuite; scorer: Scorer }> {
  const suite = await loadSuite(await loadProject({ cwd: REPO }), name);
  return { suite, scorer: await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools }) };
}

const keywordsOf = (rule: { rule: string; keywords?: string[] }) => (rule.keywords ?? [rule.rule]).map((k) => k.toLowerCase());
const recognises = (text: string, rule: { rule: string; keywords?: string[] }) => keywordsOf(rule).every((k) => text.toLowerCase().includes(k));

/**
 * What the simulated world's agent would pass, noise aside (docs/simulated-world.md): an
 * example passes when every need is met by a rule in the prompt and no recognised broad rule
 * breaks one of its tags.
 */
function passesUnder(prompt: string, example: LoadedExample, needs: Record<string, SimNeed>): boolean {
  const unmet = (example.sim?.needs ?? []).filter((n) => !recognises(prompt, needs[n]!) && !(needs[n]!.broad && recognises(prompt, needs[n]!.broad)));
  const broken = Object.values(needs).some((need) => need.broad && recognises(prompt, need.broad) && need.broad.breaks.some((tag) => example.tags.includes(tag)));
  return unmet.length === 0 && !broken;
}

/** The annotations make the intended world: about half pass with no rules, each rule fixes a group, broad rules also break one. */
function checkDesign(suite: LoadedSuite) {
  const needs = suite.config.sim?.needs ?? {};
  const examples = suite.examples;
  const share = (prompt: string) => examples.filter((e) => passesUnder(prompt, e, needs)).length / examples.length;
  const baseline = share('');
  expect(baseline).toBeGreaterThan(0.4);
  expect(baseline).toBeLessThan(0.6);
  for (const [name, need] of Object.entries(needs)) {
    expect(recognises(need.rule, need), `${name}: its rule carries its own keywords`).toBe(true);
    const fixed = examples.filter((e) => !passesUnder('', e, needs) && passesUnder(need.rule, e, needs));
    expect(fixed.length, `${name}: the precise rule fixes a group`).toBeGreaterThanOrEqual(2);
    for (const [other, otherNeed] of Object.entries(needs)) {
      if (other !== name) expect(recognises(need.rule, otherNeed), `${name}'s rule must not satisfy ${other}`).toBe(false);
    }
    if (need.broad) {
      expect(recognises(need.broad.rule, need.broad)).toBe(true);
      const broken = examples.filter((e) => passesUnder('', e, needs) && !passesUnder(need.broad!.rule, e, needs));
      const fixedByBroad = examples.filter((e) => !passesUnder('', e, needs) && passesUnder(need.broad!.rule, e, needs));
      expect(broken.length, `${name}: the broad rule breaks a group`).toBeGreaterThanOrEqual(2);
      expect(fixedByBroad.length, `${name}: the broad rule still fixes its group`).toBeGreaterThanOrEqual(1);
    }
  }
  const allRules = Object.values(needs).map((n) => n.rule).join('\n');
  expect(share(allRules)).toBe(1);
}

describe('specs/support-desk.yaml', () => {
  it('loads: at least 60 examples, tools for every call, expected values the scorer accepts', async () => {
    const { suite, scorer } = await shipped('support-desk');
    expect(suite.examples.length).toBeGreaterThanOrEqual(60);
    expect(suite.tools.execute).toBe(true);
    for (const example of suite.examples) expect(scorer.check?.(example), example.id).toBeUndefined();
  });

  it('each correct episode passes: its calls run on the tools, and the facts of its answer come from their results', async () => {
    const { suite, scorer } = await shipped('support-desk');
    for (const example of suite.examples) {
      const results: unknown[] = [];
      for (const call of example.sim?.calls ?? []) results.push(await suite.tools.call(call.name, call.arguments, example));
      const seen = `${JSON.stringify(results)} 2025-06-02`;
      const answer = example.sim?.answer ?? '';
      for (const fact of answer.match(/\d{4}-\d{2}-\d{2}|\b[A-Z]{2,3}-?\d{5,}[A-Z]*\b/g) ?? []) expect(seen, `${example.id}: ${fact}`).toContain(fact);
      const result = await scorer.score({ example, output: { answer, toolCalls: example.sim?.calls ?? [] }, trace: [] });
      expect(result.pass, `${example.id}: ${result.feedback}`).toBe(true);
    }
  });

  it("each example's wrong answer fails, and so does each annotated failure mode of its tools", async () => {
    const { suite, scorer } = await shipped('support-desk');
    const needs = suite.config.sim?.needs ?? {};
    for (const example of suite.examples) {
      const calls = example.sim?.calls ?? [];
      const wrong = await scorer.score({ example, output: { answer: example.sim?.wrong, toolCalls: calls }, trace: [] });
      expect(wrong.pass, `${example.id}: the wrong answer passed`).toBe(false);
      for (const name of example.sim?.needs ?? []) {
        const need = needs[name]!;
        const broken =
          need.mode === 'skip-tool' || need.mode === 'hallucinate'
            ? calls.filter((c) => c.name !== need.tool)
            : need.mode === 'bad-args'
              ? calls.map((c) => ((need.tool ?? c.name) === c.name && 'order_id' in c.arguments ? { ...c, arguments: { ...c.arguments, order_id: String(c.arguments.order_id).replace('KL-', 'kl') } } : c))
              : need.mode === 'wrong-tool'
                ? calls.map((c) => (c.name === need.tool ? { ...c, name: 'search_policy', arguments: { topic: 'returns' } } : c))
                : undefined;
        if (!broken) continue;
        const result = await scorer.score({ example, output: { answer: example.sim?.answer, toolCalls: broken }, trace: [] });
        expect(result.pass, `${example.id}: failing ${name} (${need.mode}) still passed`).toBe(false);
      }
    }
  });

  it('the sim annotations make the intended world', async () => {
    checkDesign((await shipped('support-desk')).suite);
  });
});

describe('specs/js-functions.yaml', () => {
  it('at least 20 tasks; each correct answer passes its hidden tests and each wrong one fails', { timeout: 120_000 }, async () => {
    const { suite, scorer } = await shipped('js-functions');
    expect(suite.examples.length).toBeGreaterThanOrEqual(20);
    const verdicts = await Promise.all(
      suite.examples.flatMap((example) => [
        scorer.score({ example, output: { answer: example.sim?.answer }, trace: [] }).then((r) => ({ id: example.id, kind: 'answer', r })),
        scorer.score({ example, output: { answer: example.sim?.wrong }, trace: [] }).then((r) => ({ id: example.id, kind: 'wrong', r })),
      ]),
    );
    expect(verdicts.filter((v) => v.kind === 'answer' && !v.r.pass).map((v) => `${v.id}: ${v.r.feedback}`)).toEqual([]);
    expect(verdicts.filter((v) => v.kind === 'wrong' && v.r.pass).map((v) => v.id)).toEqual([]);
  });

  it('the sim annotations make the intended world', async () => {
    checkDesign((await shipped('js-functions')).suite);
  });
});
