import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { drawForRequest, requestHash, type OccurrenceCounter } from './draws.js';
import { HttpError } from './http-error.js';
import type { Slots } from './limiter.js';
import type { ModelList } from './models.js';
import type { ResolvedSimOptions } from './options.js';
import { composeReply } from './compose.js';
import type { GpuModel } from './gpu/gpu.js';
import type { Clock } from './gpu/clock.js';
import { serveOnGpu } from './gpu-chat.js';
import { completionBody, streamChunks } from './render.js';
import { parseChatRequest } from './request.js';
import type { SimResponder } from './types.js';
import { writeCompletion, writeEventStream } from './wire.js';

export interface ChatContext {
  options: ResolvedSimOptions;
  responder: SimResponder;
  slots: Slots;
  occurrences: OccurrenceCounter;
  models: ModelList;
  /** The GPU-shaped timing model, when the server plays one (slots, prefill, decode, prefix cache). */
  gpu: GpuModel | undefined;
  clock: Clock;
  /** Counts an injected fault. */
  noteFault(kind: string): void;
}

/** What the server drew for a request, for its log line. */
export interface ChatNote {
  fault?: string;
  latencyMs?: number;
  hung?: boolean;
  /** GPU mode: time queued for a slot, and prompt tokens served from the prefix cache. */
  queueMs?: number;
  cachedTokens?: number;
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
  if (ctx.gpu) return serveOnGpu(ctx.gpu, parsed, draws, res, ctx, signal, note);
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
