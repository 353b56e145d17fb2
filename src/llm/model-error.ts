import { AgentdevelError } from '../core/errors.js';
import { mask } from '../core/secrets.js';
import type { Failure } from './classify.js';

export interface CallContext {
  role: string;
  model: string;
  url: string;
  attempts: number;
}

function describe(failure: Failure): string {
  if (failure.kind === 'timeout') return 'timed out';
  if (failure.kind === 'status') return failure.status === undefined ? `failed mid-reply: ${failure.message}` : `HTTP ${failure.status}: ${failure.message}`;
  if (failure.kind === 'connection') return `connection failed: ${failure.message}`;
  return failure.message;
}

// llama.cpp: "exceeds the available context size"; vLLM: "maximum context length is"; OpenAI: context_length_exceeded.
const CONTEXT_WORDS = /context (size|length|window)|context_length|max_model_len|prompt is too long/i;

function overContext(failure: Failure): boolean {
  return failure.kind === 'status' && (failure.status === 400 || failure.status === 413) && CONTEXT_WORDS.test(failure.message);
}

function contextDetails(role: string): string {
  return [
    `The prompt does not fit the model's context window. Give the server a larger context per request (llama.cpp: -c / --ctx-size divided by --parallel slots; vLLM: --max-model-len), use a model with a longer one,`,
    `or declare the window as endpoints.${role}.contextTokens so that agentdevel clips what it sends (critic evidence) to fit; lower endpoints.${role}.sampling.maxTokens if the reply's room is what overflows.`,
  ].join(' ');
}

/**
 * The coded error a caller sees once a call has failed for good. Infrastructure faults (the
 * retry budget spent) are EMODEL_UNREACHABLE so the run records `error`, never `fail`; a
 * refused request is EMODEL_REQUEST; an unusable reply is EMODEL_REPLY. Every message goes
 * through the secret mask: servers sometimes echo what they were sent.
 */
export function toModelError(failure: Failure, context: CallContext): Error {
  if (failure.kind === 'unknown') return failure.error instanceof Error ? failure.error : new Error(String(failure.error));
  const where = `${context.role} model "${context.model}" at ${context.url}`;
  const tries = `${context.attempts} attempt${context.attempts === 1 ? '' : 's'}`;
  const data = { role: context.role, model: context.model, url: mask(context.url), attempts: context.attempts, kind: failure.kind, ...(failure.status === undefined ? {} : { status: failure.status }) };
  // No `cause`: the SDK's error carries the server's words unmasked, and causes get printed.
  const options = { data };
  if (failure.kind === 'aborted') return new AgentdevelError('EINTERRUPTED', mask(`${where}: the call was aborted by its caller`), options);
  if (failure.kind === 'oversize') return new AgentdevelError('EMODEL_REPLY', mask(`${where}: ${failure.message}`), options);
  if (!failure.retryable) {
    if (!overContext(failure)) return new AgentdevelError('EMODEL_REQUEST', mask(`${where}: ${describe(failure)}`), options);
    return new AgentdevelError('EMODEL_REQUEST', mask(`${where}: ${describe(failure)}`), { data: { ...data, overContext: true }, details: contextDetails(context.role) });
  }
  if (failure.kind === 'reply') return new AgentdevelError('EMODEL_REPLY', mask(`${where}: unusable reply after ${tries}: ${failure.message}`), options);
  return new AgentdevelError('EMODEL_UNREACHABLE', mask(`${where}: ${describe(failure)} (after ${tries})`), options);
}

/**
 * The caller gave up (its deadline, an interruption) while the endpoint kept failing: still
 * EINTERRUPTED, carrying in `data.unreachable` the coded error the retries would have ended
 * in, so that an episode whose time went to retrying is recorded as the endpoint's fault.
 */
export function abortedWhileRetrying(fault: Failure, context: CallContext): AgentdevelError {
  const unreachable = toModelError(fault, context) as AgentdevelError;
  const where = `${context.role} model "${context.model}" at ${context.url}`;
  return new AgentdevelError('EINTERRUPTED', mask(`${where}: the call was aborted by its caller while retrying: ${unreachable.message}`), {
    data: { ...unreachable.data, unreachable: { code: unreachable.code, message: unreachable.message } },
  });
}

/** What an endpoint fault a call was retrying when it was aborted said, if it was. */
export function faultWhileRetrying(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof AgentdevelError) || error.code !== 'EINTERRUPTED') return undefined;
  const unreachable = error.data?.unreachable as { code?: unknown; message?: unknown } | undefined;
  return typeof unreachable?.code === 'string' && typeof unreachable.message === 'string' ? { code: unreachable.code, message: unreachable.message } : undefined;
}

/** Whether the server refused a request for not fitting its context window. */
export function isOverContext(error: unknown): boolean {
  return error instanceof AgentdevelError && error.code === 'EMODEL_REQUEST' && error.data?.overContext === true;
}
