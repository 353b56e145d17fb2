import { taskText, type Example, type SimFailureMode } from '../../../config/index.js';
import { fail } from '../../../core/errors.js';
import type { SimSuiteInput } from '../types.js';
import { answerKindOf, type AnswerKind } from './answer-kind.js';
import { normalise } from './text.js';

/**
 * The world's reading of the suites' `sim:` annotations: every need with its rules in matching
 * form, every annotated example with its task text. This is what the simulated agent plays
 * and what the simulated critic and engineer may consult; it holds no noise (flakiness and
 * re-rolls are ground truth, kept in truth.ts).
 */

export interface RuleText {
  rule: string;
  /** Normalised phrases that must all appear in the normalised prompt. */
  keywords: string[];
}

export interface CatalogueNeed extends RuleText {
  suite: string;
  key: string;
  mode: SimFailureMode;
  tool: string | undefined;
  broad: (RuleText & { breaks: string[]; mode: SimFailureMode }) | undefined;
}

export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface CatalogueExample {
  suite: string;
  id: string;
  tags: readonly string[];
  /** The needs it depends on, in annotation order (the first unmet one sets the failure mode). */
  needs: readonly CatalogueNeed[];
  calls: readonly PlannedCall[];
  answer: string | undefined;
  wrong: string | undefined;
  answerKind: AnswerKind;
  /** The trimmed task text the agent sees as its first user message. */
  taskText: string;
}

export interface CatalogueSuite {
  name: string;
  needs: readonly CatalogueNeed[];
  /** Annotated examples only, in suite order. */
  examples: readonly CatalogueExample[];
  example(id: string): CatalogueExample | undefined;
}

export interface Catalogue {
  suites: readonly CatalogueSuite[];
  suite(name: string): CatalogueSuite | undefined;
  /** Every annotated example of every suite, in suite order. */
  examples: readonly CatalogueExample[];
}

export function buildCatalogue(inputs: readonly SimSuiteInput[]): Catalogue {
  const suites = new Map<string, CatalogueSuite>();
  for (const input of inputs) {
    if (suites.has(input.name)) fail('ECONFIG', `simulated world: two suites are named "${input.name}"`, { details: 'Give every suite a unique name.' });
    suites.set(input.name, buildSuite(input));
  }
  const list = [...suites.values()];
  return { suites: list, suite: (name) => suites.get(name), examples: list.flatMap((s) => s.examples) };
}

function buildSuite(input: SimSuiteInput): CatalogueSuite {
  const needs = new Map<string, CatalogueNeed>();
  for (const [key, need] of Object.entries(input.sim?.needs ?? {})) {
    const where = `suite "${input.name}": sim.needs.${key}`;
    const precise = ruleText(need.rule, need.keywords, where);
    const broad = need.broad
      ? { ...ruleText(need.broad.rule, need.broad.keywords, `${where}.broad`), breaks: need.broad.breaks, mode: need.broad.mode }
      : undefined;
    needs.set(key, { suite: input.name, key, mode: need.mode, tool: need.tool, ...precise, broad });
  }
  checkBroadRules(input.name, [...needs.values()]);
  const examples: CatalogueExample[] = [];
  const byId = new Map<string, CatalogueExample>();
  const ids = new Set<string>();
  input.examples.forEach((example, index) => {
    if (ids.has(example.id)) {
      fail('EDUPLICATE_ID', `simulated world: suite "${input.name}": examples[${index}]: the id "${example.id}" is used twice`);
    }
    ids.add(example.id);
    const entry = buildExample(input.name, example, index, needs);
    if (!entry) return;
    examples.push(entry);
    byId.set(entry.id, entry);
  });
  return { name: input.name, needs: [...needs.values()], examples, example: (id) => byId.get(id) };
}

function buildExample(suite: string, example: Example, index: number, needs: Map<string, CatalogueNeed>): CatalogueExample | undefined {
  const sim = example.sim;
  if (!sim) return undefined;
  const resolved = sim.needs.map((key) => {
    const need = needs.get(key);
    if (!need) {
      const known = [...needs.keys()].join(', ') || 'none';
      fail('ECONFIG', `simulated world: suite "${suite}": examples[${index}] (id "${example.id}"): sim.needs names "${key}", which is not a need of the suite (known: ${known})`, {
        details: "Add the need under the suite's sim.needs, or correct the name in the example.",
      });
    }
    return need;
  });
  return {
    suite,
    id: example.id,
    tags: example.tags,
    needs: resolved,
    calls: sim.calls.map((c) => ({ name: c.name, arguments: c.arguments })),
    answer: sim.answer,
    wrong: sim.wrong,
    answerKind: answerKindOf(sim.answer),
    taskText: taskText(example.input).trim(),
  };
}

/**
 * A precise rule must not carry a broad rule's keywords: writing it (as the engineer does to
 * fix its need) would then also switch the broad rule on and break that rule's tags.
 */
function checkBroadRules(suite: string, needs: readonly CatalogueNeed[]): void {
  for (const owner of needs) {
    if (!owner.broad) continue;
    for (const need of needs) {
      const precise = normalise(need.rule);
      if (!owner.broad.keywords.every((keyword) => precise.includes(keyword))) continue;
      fail('ECONFIG', `simulated world: suite "${suite}": sim.needs.${need.key}.rule contains every keyword of sim.needs.${owner.key}.broad, so writing that precise rule would also switch the broad rule on`, {
        details: `Give sim.needs.${owner.key}.broad keywords that no precise rule of the suite contains.`,
      });
    }
  }
}

function ruleText(rule: string, keywords: string[] | undefined, where: string): RuleText {
  const normalised = (keywords ?? [rule]).map(normalise);
  if (normalised.some((k) => k === '')) {
    fail('ECONFIG', `simulated world: ${where}: a keyword is empty once whitespace is collapsed`, { details: 'Give every keyword some visible text.' });
  }
  return { rule, keywords: normalised };
}
