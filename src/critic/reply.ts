import { z } from 'zod';
import type { Symptom } from '../core/critique.js';
import { parseJsonReply } from '../llm/index.js';
import type { ChatResult } from '../llm/types.js';
import type { BlindView } from './blind-view.js';
import { clip } from './clip.js';
import { evidenceFound } from './evidence.js';
import { critiqueVerdicts } from './request.js';
import { OTHER_LABEL, type Taxonomy } from './taxonomy.js';

/**
 * What a critique keeps of one reply: a critic's text is untrusted and lands in every critique
 * file, diagnosis and report, so a runaway reply must not grow the store (16 replies with a
 * 2 MB description each once made a 64 MB critique file).
 */
export const STORED_FIELD_CHARS = 1_000;
export const MAX_LABEL_CHARS = 80;
export const MAX_SYMPTOMS = 20;

/** The reply as read: extra keys are ignored, a missing step is null. */
const replySchema = z.object({
  verdict: z.enum(critiqueVerdicts),
  symptoms: z.array(
    z.object({
      label: z.string().trim().min(1),
      description: z.string(),
      evidence: z.string(),
      step: z.number().int().nullable().default(null),
    }),
  ),
});

export interface ReadCritique {
  verdict: (typeof critiqueVerdicts)[number];
  symptoms: Symptom[];
}

/** Why a reply could not be used; the call is tried again. */
export class UnusableReply extends Error {
  override readonly name = 'UnusableReply';
}

/**
 * Reads a critic's reply: JSON (surrounding whitespace tolerated), not cut at max_tokens, in
 * the critique schema. Labels are normalised to kebab case; one outside the taxonomy becomes
 * `other` with the critic's name as `proposed`. A step that names no step of the trace
 * becomes null. Evidence that does not occur in the view is kept and flagged.
 */
export function readCritique(result: ChatResult, view: BlindView, taxonomy: Taxonomy): ReadCritique {
  if (result.finishReason === 'length') throw new UnusableReply('the reply was cut at max_tokens (finish_reason "length"); raise the critic\'s sampling.maxTokens');
  let json: unknown;
  try {
    json = parseJsonReply(result);
  } catch (error) {
    throw new UnusableReply((error as Error).message);
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new UnusableReply(`the reply does not follow the critique schema: ${at}${issue?.message ?? 'invalid'}`);
  }
  const steps = new Set(view.trace.map((entry) => entry.step));
  const symptoms = parsed.data.symptoms.slice(0, MAX_SYMPTOMS).map((raw): Symptom => {
    const name = kebab(raw.label);
    if (name === '') throw new UnusableReply(`a symptom's label ${JSON.stringify(raw.label)} has no letters or digits`);
    const known = taxonomy.has(name) || name === OTHER_LABEL;
    return {
      label: known ? name : OTHER_LABEL,
      ...(known ? {} : { proposed: clip(name, MAX_LABEL_CHARS) }),
      description: clip(raw.description.trim(), STORED_FIELD_CHARS),
      evidence: clip(raw.evidence.trim(), STORED_FIELD_CHARS),
      step: raw.step !== null && steps.has(raw.step) ? raw.step : null,
      evidenceFound: evidenceFound(raw.evidence, view),
    };
  });
  return { verdict: parsed.data.verdict, symptoms };
}

/** `Wrong Tool`, `wrong_tool` and `wrong-tool` are one label. */
export function kebab(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
