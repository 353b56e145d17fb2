import type { ServerResponse } from 'node:http';
import type { ChatContext, ChatNote } from './chat.js';
import { composeReply } from './compose.js';
import type { RequestDraws } from './draws.js';
import type { GpuModel, GpuTimings } from './gpu/gpu.js';
import { promptText, replyText } from './gpu/prompt-text.js';
import { HttpError } from './http-error.js';
import { completionBody, streamChunks } from './render.js';
import type { ParsedChatRequest } from './request.js';
import { writeCompletion, writeEventStream } from './wire.js';

/**
 * A chat completion on the GPU-shaped server: the drawn latency (the network's) passes before
 * the request reaches the queue; it waits for a slot, holds it for the prefill of its uncached
 * prompt tokens and the decode of its reply, and frees it before the reply is written. The
 * reply carries llama.cpp's `timings` object (plus `queue_ms`), so a client can tell waiting
 * from work.
 */
export async function serveOnGpu(gpu: GpuModel, parsed: ParsedChatRequest, draws: RequestDraws, res: ServerResponse, ctx: ChatContext, signal: AbortSignal, note: ChatNote): Promise<void> {
  if (draws.latencyMs > 0) await ctx.clock.sleep(draws.latencyMs, signal);
  const slot = await gpu.admit(signal);
  note.queueMs = slot.queueMs;
  let composed: ReturnType<typeof composeReply>;
  let timings: GpuTimings;
  try {
    if (draws.fault === 'hang') {
      note.hung = true;
      await slot.hang();
      return;
    }
    if (draws.fault === '500') throw new HttpError(500, 'The simulated server had an internal error (injected fault).', 'server_error', null, 'internal_error');
    composed = composeReply(ctx.responder, parsed, draws.key);
    const { wire } = composed;
    const work = await slot.serve({
      promptTokens: wire.usage.prompt_tokens,
      promptText: promptText(parsed.request),
      outputTokens: wire.usage.completion_tokens,
      replyText: replyText(wire.content, wire.toolCalls),
    });
    timings = { ...work, queueMs: slot.queueMs };
  } finally {
    slot.release();
  }
  note.cachedTokens = timings.cachedTokens;
  const { meta, wire } = composed;
  const reported = llamaTimings(timings, wire.usage.prompt_tokens, wire.usage.completion_tokens);
  const fault = draws.fault === 'malformed' || draws.fault === 'cut-stream' ? draws.fault : undefined;
  if (parsed.stream) {
    const chunks = streamChunks(meta, wire, parsed.includeUsage);
    // llama.cpp sends its timings with the last chunk.
    const last = chunks[chunks.length - 1];
    if (last) last.timings = reported;
    await writeEventStream(res, chunks, fault);
  } else {
    await writeCompletion(res, { ...completionBody(meta, wire), timings: reported }, fault);
  }
}

/** The `timings` object llama.cpp's server adds to a reply (prompt_n counts the tokens prefilled, cache_n those reused). */
function llamaTimings(t: GpuTimings, promptTokens: number, completionTokens: number): Record<string, number> {
  return {
    cache_n: t.cachedTokens,
    prompt_n: promptTokens - t.cachedTokens,
    prompt_ms: t.prefillMs,
    predicted_n: completionTokens,
    predicted_ms: t.decodeMs,
    queue_ms: t.queueMs,
  };
}
