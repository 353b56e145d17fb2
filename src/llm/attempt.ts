import type OpenAI from 'openai';
import { classifyFailure, type Failure } from './classify.js';
import { linkSignal } from './on-abort.js';
import { parseCompletion, type Reply } from './reply.js';
import { ReplyTooLargeError } from './reply-limit.js';
import type { RequestBody } from './request.js';
import { assembleStream } from './stream.js';

type NonStreamParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type StreamParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

/** One failed attempt, already classified. */
export class AttemptError extends Error {
  override readonly name = 'AttemptError';
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export interface AttemptOptions {
  stream: boolean;
  /** Trim the reply as JSON (a response format was asked for). */
  json: boolean;
  /** Covers the whole attempt: connecting, waiting and reading every byte (the SDK's covers headers only). */
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** A body read here stops at this many bytes (streams and error bodies are counted by limitedFetch). */
  maxReplyBytes?: number | undefined;
}

/**
 * Sends one request and reads the whole reply, or throws an AttemptError. The SDK's timeout
 * ends a wait for headers; past them, our deadline cancels the body. No AbortController of our
 * own for the deadline: creating one and listening on it costs as much as the rest of this
 * layer's work per call on Node 20. The caller's signal, though, is never handed to the SDK:
 * it adds a listener that it never removes, and a signal that outlives many calls (a command's
 * interrupt) would gather one per call, each holding its request.
 */
export async function attempt(sdk: OpenAI, body: RequestBody, options: AttemptOptions): Promise<Reply> {
  let timedOut = false;
  let cancelBody: (() => void) | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    cancelBody?.();
  }, options.timeoutMs);
  const link = options.signal ? linkSignal(options.signal) : undefined;
  const requestOptions = link ? { timeout: options.timeoutMs, signal: link.signal } : { timeout: options.timeoutMs };
  try {
    if (options.stream) {
      const params = { ...body, stream: true, stream_options: { include_usage: true } } as unknown as StreamParams;
      const chunks = await sdk.chat.completions.create(params, requestOptions);
      cancelBody = () => chunks.controller.abort();
      if (timedOut) cancelBody();
      return await assembleStream(chunks, options.json);
    }
    const response = await sdk.chat.completions.create(body as unknown as NonStreamParams, requestOptions).asResponse();
    const reader = response.body?.getReader();
    cancelBody = () => void reader?.cancel().catch(() => undefined);
    if (timedOut) cancelBody();
    const text = reader ? await readAll(reader, options.maxReplyBytes ?? Infinity) : '';
    if (timedOut) throw new Error('deadline passed while reading the body');
    return parseCompletion(JSON.parse(text), options.json);
  } catch (error) {
    throw new AttemptError(classifyFailure(error, { timedOut, callerAborted: options.signal?.aborted === true }));
  } finally {
    clearTimeout(timer);
    link?.unlink();
  }
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts).toString('utf8');
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ReplyTooLargeError(maxBytes);
    }
    parts.push(value);
  }
}
