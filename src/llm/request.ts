import type { Sampling } from '../config/index.js';
import { hashValue, unitHash } from '../core/hash.js';
import type { ChatRequest } from './types.js';

/** The JSON body of a chat-completions request, as sent (extra fields included). */
export type RequestBody = Record<string, unknown> & { model: string; messages: unknown[] };

/**
 * The seed sent for a sample index: deterministic, so a replay asks for the same sample, and
 * spread over 31 bits, which every server we know accepts.
 */
export function seedFor(sampleIndex: number): number {
  return Math.floor(unitHash('agentdevel-sample', sampleIndex) * 2 ** 31);
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
  const body: RequestBody = { ...sampling.extraBody, model, messages: request.messages, seed: seedFor(sampleIndex) };
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
 * or the URL. `namespace` separates worlds whose replies differ for equal requests (the
 * simulated world's settings).
 */
export function cacheKey(body: RequestBody, sampleIndex: number, namespace = ''): string {
  return hashValue({ v: 1, namespace, body, sampleIndex });
}
