import type { ChatMessage } from './types.js';

/** What an assistant turn's tool call whose arguments are not valid JSON carries when sent back. */
export const UNPARSABLE_ARGUMENTS = '{}';

/**
 * The conversation with every tool call's arguments valid JSON. A call cut at max_tokens has
 * arguments that do not parse, and servers refuse such a history (llama.cpp answers HTTP 500
 * "Failed to parse tool call arguments as JSON" every time), so it goes back as `{}`: the
 * agent's loop tells the model what was wrong in the tool's reply. The same array when nothing
 * changes, so requests without such calls keep their cache keys.
 */
export function withParsableArguments(messages: ChatMessage[]): ChatMessage[] {
  if (!messages.some(hasUnparsable)) return messages;
  return messages.map((message) => {
    if (!hasUnparsable(message) || message.role !== 'assistant') return message;
    const tool_calls = message.tool_calls?.map((call) => (call.type === 'function' && !parses(call.function.arguments) ? { ...call, function: { ...call.function, arguments: UNPARSABLE_ARGUMENTS } } : call));
    return { ...message, tool_calls };
  });
}

function hasUnparsable(message: ChatMessage): boolean {
  return message.role === 'assistant' && (message.tool_calls ?? []).some((call) => call.type === 'function' && !parses(call.function.arguments));
}

function parses(text: unknown): boolean {
  if (typeof text !== 'string') return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
