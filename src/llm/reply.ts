import type { TokenUsage, ToolCall } from './types.js';

/** What a completion says, whichever way it arrived (plain, streamed or from the cache). */
export interface Reply {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: TokenUsage;
  /** The server's own account of its work, when it gives one (never cached: a replay did no work). */
  server?: ServerTimings;
}

/** llama.cpp's `timings` (the GPU-shaped simulated server sends the same, plus its queue wait). */
export interface ServerTimings {
  /** Prompt tokens served from the server's prefix cache (cache_n). */
  cachedTokens: number;
  /** Prefill of the prompt tokens not cached (prompt_ms). */
  promptMs: number;
  /** Generation of the reply (predicted_ms). */
  decodeMs: number;
  /** Time queued for a slot, when the server says (queue_ms). */
  queueMs?: number;
}

/** Reads a `timings` object; undefined unless it carries prompt_ms and predicted_ms as numbers. */
export function timingsOf(value: unknown): ServerTimings | undefined {
  if (!isObject(value)) return undefined;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);
  const promptMs = n(value.prompt_ms);
  const decodeMs = n(value.predicted_ms);
  if (promptMs === undefined || decodeMs === undefined) return undefined;
  const queueMs = n(value.queue_ms);
  return { cachedTokens: n(value.cache_n) ?? 0, promptMs, decodeMs, ...(queueMs === undefined ? {} : { queueMs }) };
}

/** The server answered, but not with a usable chat completion. */
export class ReplyError extends Error {
  override readonly name = 'ReplyError';
}

type Loose = Record<string, unknown>;

export function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** Text of a message content: a string, or (some servers) an array of text parts. */
export function contentText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return null;
}

/** Arguments as JSON text: some servers send an object rather than a string. */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

export function usageOf(value: unknown): TokenUsage {
  const usage = isObject(value) ? value : {};
  const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0);
  return { promptTokens: count(usage.prompt_tokens), completionTokens: count(usage.completion_tokens) };
}

/**
 * The shared tidy-up of every reply: `content: ""` beside tool calls (llama.cpp) becomes null;
 * JSON replies lose surrounding whitespace (grammar-constrained output often ends with some);
 * a missing finish reason is inferred.
 */
export function normalizeReply(reply: { content: string | null; toolCalls: ToolCall[]; finishReason: string | undefined; usage: TokenUsage }, json: boolean): Reply {
  let content = reply.content;
  if (content === '' && reply.toolCalls.length > 0) content = null;
  if (json && content !== null) content = content.trim();
  const finishReason = reply.finishReason ?? (reply.toolCalls.length > 0 ? 'tool_calls' : 'stop');
  return { content, toolCalls: reply.toolCalls, finishReason, usage: reply.usage };
}

/** Reads a non-streamed completion body, tolerating what servers are known to vary on. */
export function parseCompletion(body: unknown, json: boolean): Reply {
  if (!isObject(body)) throw new ReplyError(`expected a JSON object, got ${preview(body)}`);
  if (body.error !== undefined) throw new ReplyError(`the body is an error: ${preview(body.error)}`);
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) throw new ReplyError(`no choices[0].message in ${preview(body)}`);
  const message = choice.message;
  const rawCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const toolCalls = rawCalls.map((call, index) => {
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
    if (!fn || typeof fn.name !== 'string' || fn.name === '') throw new ReplyError(`tool_calls[${index}] has no function name: ${preview(call)}`);
    const id = isObject(call) && typeof call.id === 'string' && call.id !== '' ? call.id : `call_${index}`;
    return { id, name: fn.name, arguments: argumentsText(fn.arguments) };
  });
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
  const reply = normalizeReply({ content: contentText(message.content), toolCalls, finishReason, usage: usageOf(body.usage) }, json);
  const server = timingsOf(body.timings);
  return server ? { ...reply, server } : reply;
}
