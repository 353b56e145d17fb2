import { textOf } from '../tokens.js';
import type { SimChatRequest } from '../types.js';

/**
 * The prompt as a chat template lays it out for the model: the tools, then each message with
 * its role, content and tool calls (names and arguments; ids are not shown to the model). The
 * prefix cache works on this text, so two requests share cached blocks exactly as far as they
 * share it from the start.
 */
export function promptText(request: SimChatRequest): string {
  let text = request.tools && request.tools.length > 0 ? `<|tools|>${JSON.stringify(request.tools)}` : '';
  for (const message of request.messages) text += messageText(message.role, textOf(message.content), message.tool_calls);
  return text;
}

/** A reply as the next request will carry it back: an assistant message. */
export function replyText(content: string | null, toolCalls: ReadonlyArray<{ name: string; arguments: string }>): string {
  return messageText('assistant', content ?? '', toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })));
}

function messageText(role: string, content: string, toolCalls: unknown): string {
  let text = `<|${role}|>${content}`;
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } }).function;
      text += `<|call|>${String(fn?.name ?? '')}${typeof fn?.arguments === 'string' ? fn.arguments : JSON.stringify(fn?.arguments ?? '')}`;
    }
  }
  return `${text}<|end|>`;
}
