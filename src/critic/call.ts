import type { CritiqueVerdict, Symptom } from '../core/critique.js';
import { isOverContext } from '../llm/index.js';
import type { ModelClient } from '../llm/types.js';
import type { BlindView } from './blind-view.js';
import { readCritique, UnusableReply } from './reply.js';
import { fitView } from './fit-view.js';
import { critiqueMessages, critiqueRequest } from './request.js';
import type { Taxonomy } from './taxonomy.js';

export interface CriticCallContext {
  client: ModelClient;
  taxonomy: Taxonomy;
  /** Calls per view before it is recorded as unlabelled (critic.maxAttempts). */
  maxAttempts: number;
  signal?: AbortSignal;
}

export interface CriticAnswer {
  verdict: CritiqueVerdict;
  symptoms: Symptom[];
  attempts: number;
  /** Whether the reply used came from the response cache (the last attempt's, when unlabelled). */
  cached: boolean;
  usage: { promptTokens: number; completionTokens: number };
  /** Why the view is unlabelled, when it is. */
  error?: string;
}

/**
 * Asks the critic about one view. A reply that is not JSON, was cut at max_tokens or does not
 * follow the schema is asked again with the next sample index (attempt k uses index k-1, so
 * the first attempt of an unchanged view replays from the cache and a retry is a new sample);
 * after `maxAttempts` the view is `unlabelled` with the last reason, never guessed. A failure
 * to reach the model at all (after the client's own retries) is not the critic's answer and
 * propagates.
 */
export async function askCritic(whole: BlindView, ctx: CriticCallContext): Promise<CriticAnswer> {
  const room = await ctx.client.promptRoom?.();
  let maxChars = room === undefined ? Number.POSITIVE_INFINITY : viewChars(room, critiqueMessages(whole, ctx.taxonomy)[0]?.content);
  let view = fitView(whole, maxChars);
  let request = critiqueRequest(view, ctx.taxonomy);
  const usage = { promptTokens: 0, completionTokens: 0 };
  let cached = false;
  const reasons: string[] = [];
  for (let attempt = 1; attempt <= ctx.maxAttempts; attempt++) {
    let result;
    try {
      result = await ctx.client.chat(request, { sampleIndex: attempt - 1, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    } catch (error) {
      // The estimate of characters per token was too generous for this model: clip harder and ask again.
      const sent = JSON.stringify(view).length;
      if (!isOverContext(error) || sent <= MIN_VIEW_CHARS) throw error;
      maxChars = Math.max(MIN_VIEW_CHARS, Math.floor(Math.min(maxChars, sent) / 2));
      view = fitView(whole, maxChars);
      request = critiqueRequest(view, ctx.taxonomy);
      reasons.push(`the prompt did not fit the critic's context window; its evidence clipped to ${maxChars} characters`);
      continue;
    }
    usage.promptTokens += result.usage.promptTokens;
    usage.completionTokens += result.usage.completionTokens;
    cached = result.cached;
    try {
      const read = readCritique(result, view, ctx.taxonomy);
      return { ...read, attempts: attempt, cached, usage };
    } catch (error) {
      if (!(error instanceof UnusableReply)) throw error;
      reasons.push(error.message);
    }
  }
  const last = reasons[reasons.length - 1] ?? 'no reply';
  const error = `no usable reply in ${ctx.maxAttempts} attempt${ctx.maxAttempts === 1 ? '' : 's'}; the last: ${last}`;
  return { verdict: 'unlabelled', symptoms: [], attempts: ctx.maxAttempts, cached, usage, error };
}

/** A conservative guess (real tokenizers average 3 to 4 on English and JSON); an over-context refusal halves what is sent. */
const CHARS_PER_TOKEN = 3;
/** Below this the view says too little to judge; a server that cannot take it is refused as is. */
const MIN_VIEW_CHARS = 1_000;
/** Room for the chat template's own tokens around the messages. */
const TEMPLATE_TOKENS = 64;

/** Characters of view JSON that fit `promptTokens` beside the system prompt. */
function viewChars(promptTokens: number, system: unknown): number {
  const systemTokens = Math.ceil(String(system ?? '').length / CHARS_PER_TOKEN);
  return Math.max(MIN_VIEW_CHARS, (promptTokens - systemTokens - TEMPLATE_TOKENS) * CHARS_PER_TOKEN);
}
