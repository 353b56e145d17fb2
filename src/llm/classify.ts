import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { parseRetryAfter } from './retry-after.js';
import { ReplyError } from './reply.js';
import { isReplyTooLarge, ReplyTooLargeError } from './reply-limit.js';
import { CutStreamError } from './stream.js';

/**
 * What went wrong with one attempt, and whether trying again can help. `status`: the server
 * refused with an HTTP status; `timeout`: no complete reply in time; `connection`: refused,
 * reset or cut; `reply`: an answer that is not a usable completion; `aborted`: the caller
 * gave up; `oversize`: a reply body past the role's maxReplyBytes (not retried: the same
 * request asks for the same long answer); `unknown`: not a model-call failure at all (a bug), rethrown as is.
 */
export type FailureKind = 'status' | 'timeout' | 'connection' | 'reply' | 'oversize' | 'aborted' | 'unknown';

export interface Failure {
  kind: FailureKind;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  message: string;
  error: unknown;
}

const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** 408 (request timeout), 429 (rate limit) and any 5xx are transient; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  // undici reports a socket closed while reading the body as TypeError("terminated").
  if (error.name === 'TypeError' && /terminated|fetch failed|other side closed/i.test(error.message)) return true;
  return error.cause !== undefined && isConnectionLoss(error.cause);
}

export function classifyFailure(error: unknown, context: { timedOut: boolean; callerAborted: boolean }): Failure {
  const base = { error, message: messageOf(error) };
  if (context.callerAborted) return { ...base, kind: 'aborted', retryable: false };
  if (isReplyTooLarge(error)) return { error, kind: 'oversize', retryable: false, message: new ReplyTooLargeError(limitOf(error)).message };
  if (context.timedOut) return { ...base, kind: 'timeout', retryable: true, message: 'no complete reply within the timeout' };
  if (error instanceof APIConnectionTimeoutError) return { ...base, kind: 'timeout', retryable: true };
  if (error instanceof APIConnectionError) {
    const cause = error.cause === undefined ? '' : `: ${messageOf(error.cause)}`;
    return { ...base, kind: 'connection', retryable: true, message: `${error.message}${cause}` };
  }
  if (error instanceof APIError) {
    // A status-less APIError is an error event inside a stream: the server failed mid-reply.
    if (error.status === undefined) return { ...base, kind: 'status', retryable: true };
    const retryAfterMs = parseRetryAfter(error.headers);
    const failure: Failure = { ...base, kind: 'status', retryable: isRetryableStatus(error.status), status: error.status };
    if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
    return failure;
  }
  if (error instanceof ReplyError || error instanceof SyntaxError) return { ...base, kind: 'reply', retryable: true };
  if (error instanceof CutStreamError || isConnectionLoss(error)) return { ...base, kind: 'connection', retryable: true };
  return { ...base, kind: 'unknown', retryable: false };
}

function limitOf(error: unknown): number {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof ReplyTooLargeError) return e.limit;
  return 0;
}
