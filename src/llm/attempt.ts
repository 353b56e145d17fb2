import type OpenAI from 'openai';
import { classifyFailure, type Failure } from './classify.js';
import { parseCompletion, type Reply } from './reply.js';
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
}

/** Sends one request and reads the whole reply, or throws an AttemptError. */
export async function attempt(sdk: OpenAI, body: RequestBody, options: AttemptOptions): Promise<Reply> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const forwardAbort = () => controller.abort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  const requestOptions = { signal: controller.signal, timeout: options.timeoutMs };
  try {
    if (options.stream) {
      const params = { ...body, stream: true, stream_options: { include_usage: true } } as unknown as StreamParams;
      const chunks = await sdk.chat.completions.create(params, requestOptions);
      return await assembleStream(chunks, options.json);
    }
    const completion: unknown = await sdk.chat.completions.create(body as unknown as NonStreamParams, requestOptions);
    return parseCompletion(completion, options.json);
  } catch (error) {
    throw new AttemptError(classifyFailure(error, { timedOut, callerAborted: options.signal?.aborted === true }));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}
