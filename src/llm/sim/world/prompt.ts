import { sha256 } from '../../../core/hash.js';
import type { Catalogue, CatalogueNeed, RuleText } from './catalogue.js';
import { BoundedMemo } from './memo.js';
import { normalise } from './text.js';

/**
 * A system prompt as the world reads it: normalised, hashed, and with the rules it carries
 * recognised once. Each distinct prompt text is read once and remembered.
 */
export interface PromptView {
  normalised: string;
  /** sha256 of the normalised prompt: seeds its re-rolls, so case and spacing changes re-roll nothing. */
  hash: string;
  /** Needs whose precise rule the prompt carries. */
  precise: ReadonlySet<CatalogueNeed>;
  /** Needs whose broad rule the prompt carries. */
  broad: ReadonlySet<CatalogueNeed>;
}

export class PromptReader {
  private readonly memo = new BoundedMemo<string, PromptView>(1024);
  private readonly needs: readonly CatalogueNeed[];

  constructor(catalogue: Catalogue) {
    this.needs = catalogue.suites.flatMap((suite) => suite.needs);
  }

  read(systemPrompt: string): PromptView {
    return this.memo.get(systemPrompt, () => this.view(normalise(systemPrompt)));
  }

  private view(normalised: string): PromptView {
    const precise = new Set<CatalogueNeed>();
    const broad = new Set<CatalogueNeed>();
    for (const need of this.needs) {
      if (carries(normalised, need)) precise.add(need);
      if (need.broad && carries(normalised, need.broad)) broad.add(need);
    }
    return { normalised, hash: sha256(normalised), precise, broad };
  }
}

/** A rule is recognised when every one of its keywords appears in the normalised prompt. */
export function carries(normalisedPrompt: string, rule: RuleText): boolean {
  return rule.keywords.every((keyword) => normalisedPrompt.includes(keyword));
}
