import type { SimChatRequest } from './types.js';

/** Token counts estimated the way a rule of thumb does (about 4 characters per token): deterministic, tokenizer-free. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const PER_MESSAGE_OVERHEAD = 4;

export function promptTokens(request: SimChatRequest): number {
  let total = 3;
  for (const message of request.messages) {
    total += PER_MESSAGE_OVERHEAD + estimateTokens(textOf(message.content));
    if (message.tool_calls !== undefined) total += estimateTokens(JSON.stringify(message.tool_calls));
  }
  if (request.tools) total += estimateTokens(JSON.stringify(request.tools));
  if (request.response_format?.json_schema) total += estimateTokens(JSON.stringify(request.response_format.json_schema));
  return total;
}

/** The text of a message's content: a string, or the text parts of an array. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
      .join('');
  }
  return '';
}
