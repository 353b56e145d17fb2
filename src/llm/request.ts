import type { Sampling } from '../config/index.js';
import { hashValue } from '../core/hash.js';
import { withParsableArguments } from './history-arguments.js';
import { canonicalToolCallIds } from './tool-call-ids.js';
import type { ChatRequest } from './types.js';

/** The JSON body of a chat-completions request, as sent (extra fields included). */
export type RequestBody = Record<string, unknown> & { model: string; messages: unknown[] };

const SEED_MASK = 0x7fffffff;

/**
 * The seed sent for a sample index: deterministic, so a replay asks for the same sample, and
 * scrambled within 31 bits (which every server we know accepts). Every step is a bijection on
 * 31-bit integers, so indices below 2^31 never share a seed: repeats are always distinct samples.
 */
export function seedFor(sampleIndex: number): number {
  const high = Math.floor(sampleIndex / 2 ** 31);
  let x = ((sampleIndex % 2 ** 31) ^ Math.imul(high, 0x27d4eb2d)) & SEED_MASK;
  x = (x + 0x6a09e667) & SEED_MASK;
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) & SEED_MASK;
  x = Math.imul(x ^ (x >>> 12), 0x297a2d39) & SEED_MASK;
  return (x ^ (x >>> 15)) & SEED_MASK;
}

/** The request's own sampling settings win over the role's, field by field (extraBody merged). */
export function mergeSampling(role: Sampling, override: Sampling | undefined): Sampling {
  if (!override) return role;
  const merged: Sampling = { ...role, ...definedFields(override) };
  if (role.extraBody || override.extraBody) merged.extraBody = { ...role.extraBody, ...override.extraBody };
  return merged;
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Builds the body without streaming fields; the cache key is derived from exactly this. */
export function buildRequestBody(model: string, request: ChatRequest, sampling: Sampling, sampleIndex: number): RequestBody {
  const body: RequestBody = { ...sampling.extraBody, model, messages: withParsableArguments(request.messages), seed: seedFor(sampleIndex) };
  if (request.tools && request.tools.length > 0) body.tools = request.tools;
  if (request.toolChoice) body.tool_choice = request.toolChoice;
  if (request.responseFormat) body.response_format = request.responseFormat;
  if (sampling.temperature !== undefined) body.temperature = sampling.temperature;
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  if (sampling.maxTokens !== undefined) body.max_tokens = sampling.maxTokens;
  return body;
}

/**
 * The cache key of a request: a hash of everything that shapes the reply (model, messages,
 * tools, tool choice, response format, sampling, seed) and the sample index, never the API key
 * or the URL, nor how the reply is delivered (the body has no streaming fields), nor the
 * servers' own tool-call ids (renamed by order: tool-call-ids.ts). `namespace` separates worlds
 * whose replies differ for equal requests (the simulated world's settings). A body with no
 * tool-call ids hashes as it always did, so existing cache entries stay valid.
 */
export function cacheKey(body: RequestBody, sampleIndex: number, namespace = ''): string {
  const messages = canonicalToolCallIds(body.messages);
  return hashValue({ v: 1, namespace, body: messages === body.messages ? body : { ...body, messages }, sampleIndex });
}
