import type { SimFailureMode, SimWorldConfig } from '../../../config/index.js';
import { draw } from './draw.js';
import type { Catalogue, CatalogueExample } from './catalogue.js';
import type { PromptView } from './prompt.js';

/** Failure modes of episodes that fail by chance (flaky or re-rolled) rather than by an unmet need. */
export const noiseModes = ['hallucinate', 'premature-stop', 'bad-format', 'bad-args'] as const satisfies readonly SimFailureMode[];

/** The ground truth of one example under one prompt: what tests and studies compare the pipeline with. */
export interface ExampleTruth {
  suite: string;
  exampleId: string;
  /** p(e, P): the chance that one sample of the episode passes. */
  passProbability: number;
  /** Needs of the example whose rule (precise or broad) the prompt lacks, in annotation order. */
  unmet: string[];
  /** Needs whose broad rule the prompt carries and whose `breaks` tags the example has. */
  breakers: string[];
  flaky: boolean;
  /** The pass chance while nothing is unmet or broken: 1, or in [0.25, 0.75) when flaky. */
  q: number;
  /** Whether this prompt re-drew the outcome (then passProbability is 0 or 1 whatever the rest says). */
  rerolled: boolean;
  /** How a failing sample misbehaves: the first unmet need's mode, else the breaker's, else a noise mode. */
  failureMode: SimFailureMode;
  failureCause: 'need' | 'broad' | 'noise';
  /** The tool of the need behind the failure mode, if it names one. */
  failureTool: string | undefined;
}

interface Noise {
  flaky: boolean;
  q: number;
}

export class TruthModel {
  private readonly noise = new Map<CatalogueExample, Noise>();

  constructor(
    private readonly config: SimWorldConfig,
    catalogue: Catalogue,
  ) {
    for (const example of catalogue.examples) {
      const flaky = draw(config.seed, 'flaky', example.suite, example.id) < config.flakyShare;
      const q = flaky ? 0.25 + 0.5 * draw(config.seed, 'q', example.suite, example.id) : 1;
      this.noise.set(example, { flaky, q });
    }
  }

  truth(example: CatalogueExample, prompt: PromptView): ExampleTruth {
    const { flaky, q } = this.noise.get(example) ?? { flaky: false, q: 1 };
    const unmet = example.needs.filter((need) => !prompt.precise.has(need) && !prompt.broad.has(need));
    const breaking = [...prompt.broad].filter((need) => need.suite === example.suite && need.broad?.breaks.some((tag) => example.tags.includes(tag)));
    const p0 = unmet.length === 0 && breaking.length === 0 ? q : 0;
    const seed = this.config.seed;
    const reroll = draw(seed, 'reroll', example.suite, example.id, prompt.hash);
    const rerolled = reroll < this.config.rerollRate;
    // Given a re-roll, reroll / rerollRate is again uniform in [0, 1): it draws the new outcome.
    const passProbability = rerolled ? (reroll / this.config.rerollRate < 0.5 ? 0 : 1) : p0;
    const noise = noiseModes[Math.floor(draw(seed, 'noise', example.suite, example.id, prompt.hash) * noiseModes.length)] ?? 'hallucinate';
    const cause = unmet[0] ? 'need' : breaking[0] ? 'broad' : 'noise';
    const failureMode = unmet[0]?.mode ?? breaking[0]?.broad?.mode ?? noise;
    return {
      suite: example.suite,
      exampleId: example.id,
      passProbability,
      unmet: unmet.map((need) => need.key),
      breakers: breaking.map((need) => need.key),
      flaky,
      q,
      rerolled,
      failureMode,
      failureCause: cause,
      failureTool: unmet[0] ? unmet[0].tool : breaking[0]?.tool,
    };
  }

  /** One sample: passes when the draw u falls below p. The prompt hash is part of the draw, so two versions sampled with the same seed still differ on a flaky example, as two prompts do on a real model. */
  samplePasses(example: CatalogueExample, prompt: PromptView, truth: ExampleTruth, requestSeed: number): boolean {
    if (truth.passProbability >= 1) return true;
    if (truth.passProbability <= 0) return false;
    return draw(this.config.seed, 'sample', example.suite, example.id, prompt.hash, requestSeed) < truth.passProbability;
  }
}
