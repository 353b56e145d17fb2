import type { SimWorldConfig } from '../../../config/index.js';
import { fail } from '../../../core/errors.js';
import type { SimWorldInput } from '../types.js';
import { SimAgent, type Episode } from './agent.js';
import { buildCatalogue, type Catalogue, type CatalogueExample } from './catalogue.js';
import { ExampleLocator } from './locate.js';
import { PromptReader } from './prompt.js';
import { TruthModel, type ExampleTruth } from './truth.js';

/** The ground truth of a whole suite under one prompt. */
export interface SuiteTruth {
  suite: string;
  examples: ExampleTruth[];
  /** Mean pass probability over the suite's annotated examples: the expected pass rate. */
  expectedPassRate: number;
}

/** A rule the prompt carries: which need it satisfies, and whether it is the over-broad variant. */
export interface RecognisedRule {
  suite: string;
  need: string;
  variant: 'precise' | 'broad';
}

/**
 * Everything the world knows, for its roles (agent, critic, engineer) and for tests and
 * studies. The pipeline itself never reaches it: it only talks to the server.
 */
export interface WorldCore {
  readonly params: SimWorldConfig;
  readonly catalogue: Catalogue;
  truth(suite: string, exampleId: string, systemPrompt: string): ExampleTruth;
  truthForSuite(suite: string, systemPrompt: string): SuiteTruth;
  rulesIn(systemPrompt: string): RecognisedRule[];
  /** Which annotated example a first user message is about, as the agent decides it. */
  identify(firstUserMessage: string): CatalogueExample | undefined;
  /** One sampled episode, exactly as the agent plays it for a request with this seed and these tools. */
  episode(suite: string, exampleId: string, systemPrompt: string, options?: { seed?: number; tools?: readonly string[] }): Episode;
}

export interface CoreParts {
  core: WorldCore;
  agent: SimAgent;
}

export function buildCore(input: SimWorldInput): CoreParts {
  const catalogue = buildCatalogue(input.suites);
  const prompts = new PromptReader(catalogue);
  const truths = new TruthModel(input.config, catalogue);
  const locator = new ExampleLocator(catalogue.examples);
  const agent = new SimAgent(locator, prompts, truths);

  const example = (suite: string, id: string): CatalogueExample => {
    const found = catalogue.suite(suite)?.example(id);
    if (found) return found;
    return fail('ENOT_FOUND', `simulated world: no annotated example "${id}" in suite "${suite}"`, {
      details: 'The world knows only examples that carry a `sim:` annotation; check the suite and example id.',
    });
  };
  const suiteOf = (name: string) =>
    catalogue.suite(name) ?? fail('ENOT_FOUND', `simulated world: no suite "${name}"`, { details: `Known suites: ${catalogue.suites.map((s) => s.name).join(', ') || 'none'}.` });

  const core: WorldCore = {
    params: input.config,
    catalogue,
    truth: (suite, id, systemPrompt) => truths.truth(example(suite, id), prompts.read(systemPrompt)),
    truthForSuite: (name, systemPrompt) => {
      const prompt = prompts.read(systemPrompt);
      const examples = suiteOf(name).examples.map((e) => truths.truth(e, prompt));
      const total = examples.reduce((sum, t) => sum + t.passProbability, 0);
      return { suite: name, examples, expectedPassRate: examples.length === 0 ? 0 : total / examples.length };
    },
    rulesIn: (systemPrompt) => {
      const prompt = prompts.read(systemPrompt);
      const rules: RecognisedRule[] = [];
      for (const need of catalogue.suites.flatMap((s) => s.needs)) {
        if (prompt.precise.has(need)) rules.push({ suite: need.suite, need: need.key, variant: 'precise' });
        if (prompt.broad.has(need)) rules.push({ suite: need.suite, need: need.key, variant: 'broad' });
      }
      return rules;
    },
    identify: (message) => locator.find(message),
    episode: (suite, id, systemPrompt, options = {}) => {
      const found = example(suite, id);
      const tools = options.tools ?? [...new Set(found.calls.map((call) => call.name))];
      return agent.episode(found, systemPrompt, tools, options.seed ?? 0);
    },
  };
  return { core, agent };
}
