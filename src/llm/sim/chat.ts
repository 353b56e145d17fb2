import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { drawForRequest, requestHash, type OccurrenceCounter } from './draws.js';
import { HttpError } from './http-error.js';
import type { Slots } from './limiter.js';
import type { ModelList } from './models.js';
import type { ResolvedSimOptions } from './options.js';
import { completionBody, streamChunks, type CompletionMeta } from './render.js';
import { shapeReply, type WireReply } from './reply.js';
import { parseChatRequest, type ParsedChatRequest } from './request.js';
import type { SimResponder } from './types.js';
import { writeCompletion, writeEventStream } from './wire.js';

export interface ChatContext {
  options: ResolvedSimOptions;
  responder: SimResponder;
  slots: Slots;
  occurrences: OccurrenceCounter;
  models: ModelList;
  /** Counts an injected fault. */
  noteFault(kind: string): void;
}

/** What the server drew for a request, for its log line. */
export interface ChatNote {
  fault?: string;
  latencyMs?: number;
  hung?: boolean;
}

/**
 * One chat completion: check the body, draw this request's fault and latency, wait for a
 * slot, ask the responder, shape and write the reply. `signal` aborts when the client goes
 * away or the server closes; a queued, sleeping or hanging request then ends at once.
 */
export async function handleChat(raw: Buffer, res: ServerResponse, ctx: ChatContext, signal: AbortSignal, note: ChatNote): Promise<void> {
  const parsed = parseChatRequest(raw);
  ctx.models.noteRequested(parsed.request.model);
  const hash = requestHash(parsed.request);
  const draws = drawForRequest(ctx.options, hash, ctx.occurrences.next(hash));
  note.fault = draws.fault;
  note.latencyMs = draws.latencyMs;
  if (draws.fault) ctx.noteFault(draws.fault);
  if (draws.fault === '429') {
    // Refused at the door, as an overloaded server does, without taking a slot.
    const ms = ctx.options.retryAfterMs;
    throw new HttpError(429, 'The simulated server is rate-limiting requests; retry after the delay given in Retry-After.', 'rate_limit_exceeded', null, 'rate_limit_exceeded', {
      'retry-after': String(Math.ceil(ms / 1000)),
      'retry-after-ms': String(ms),
    });
  }
  const release = await ctx.slots.acquire(signal);
  try {
    if (draws.latencyMs > 0) await sleep(draws.latencyMs, undefined, { signal });
    if (draws.fault === 'hang') {
      // Never answer; the slot stays taken until the client gives up or the server closes.
      note.hung = true;
      if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return;
    }
    if (draws.fault === '500') throw new HttpError(500, 'The simulated server had an internal error (injected fault).', 'server_error', null, 'internal_error');
    const { meta, wire } = composeReply(ctx.responder, parsed, draws.key);
    const fault = draws.fault === 'malformed' || draws.fault === 'cut-stream' ? draws.fault : undefined;
    if (parsed.stream) await writeEventStream(res, streamChunks(meta, wire, parsed.includeUsage), fault);
    else await writeCompletion(res, completionBody(meta, wire), fault);
  } finally {
    release();
  }
}

/**
 * The reply to a checked request: the responder's answer shaped by what the request allows,
 * with its id and creation time. `key` (unique per request and occurrence) seeds the ids. Shared
 * by the HTTP server and the direct transport (direct.ts), so both answer alike.
 */
export function composeReply(responder: SimResponder, parsed: ParsedChatRequest, key: string): { meta: CompletionMeta; wire: WireReply } {
  const wire = shapeReply(parsed, respond(responder, parsed.request), key);
  return { meta: { id: `chatcmpl-sim-${key}`, created: Math.floor(Date.now() / 1000), model: parsed.request.model }, wire };
}

function respond(responder: SimResponder, request: Parameters<SimResponder['respond']>[0]) {
  try {
    return responder.respond(request);
  } catch (error) {
    throw new HttpError(500, `The simulated model failed: ${(error as Error).message}`, 'server_error', null, 'responder_error');
  }
}
