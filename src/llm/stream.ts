import { argumentsText, contentText, isObject, normalizeReply, ReplyError, usageOf, type Reply } from './reply.js';
import type { TokenUsage } from './types.js';

/** The stream ended before the server said how the reply finished: a cut connection. */
export class CutStreamError extends Error {
  override readonly name = 'CutStreamError';
}

interface PartialCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/**
 * Assembles streamed chunks into the reply a non-streamed request would have given. Tolerates
 * a first chunk with `content: null`, tool calls sent whole or in pieces, usage in a final
 * chunk without choices, and chunks carrying extra fields.
 */
export async function assembleStream(chunks: AsyncIterable<unknown>, json: boolean): Promise<Reply> {
  let content: string | null = null;
  const calls = new Map<number, PartialCall>();
  let finishReason: string | undefined;
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };

  for await (const chunk of chunks) {
    if (!isObject(chunk)) throw new ReplyError('a stream chunk is not a JSON object');
    if (chunk.usage) usage = usageOf(chunk.usage);
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!isObject(choice)) continue;
    if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
    const delta = isObject(choice.delta) ? choice.delta : {};
    const text = contentText(delta.content);
    if (text !== null) content = (content ?? '') + text;
    if (Array.isArray(delta.tool_calls)) {
      delta.tool_calls.forEach((piece, position) => addToolCallPiece(calls, piece, position));
    }
  }

  if (finishReason === undefined) throw new CutStreamError('the stream ended without a finish reason');
  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, call]) => {
      if (call.name === '') throw new ReplyError(`streamed tool call ${index} has no function name`);
      return { id: call.id ?? `call_${index}`, name: call.name, arguments: call.arguments };
    });
  return normalizeReply({ content, toolCalls, finishReason, usage }, json);
}

function addToolCallPiece(calls: Map<number, PartialCall>, piece: unknown, position: number): void {
  if (!isObject(piece)) return;
  const index = typeof piece.index === 'number' ? piece.index : position;
  const call = calls.get(index) ?? { id: undefined, name: '', arguments: '' };
  if (typeof piece.id === 'string' && piece.id !== '') call.id = piece.id;
  const fn = isObject(piece.function) ? piece.function : {};
  // Names arrive whole in the first piece; some servers repeat them in later pieces.
  if (typeof fn.name === 'string' && call.name === '') call.name = fn.name;
  call.arguments += argumentsText(fn.arguments);
  calls.set(index, call);
}
