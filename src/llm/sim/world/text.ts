/**
 * Text helpers of the world: how it reads messages and how it compares rule text with a
 * prompt. All patterns here are constants; nothing builds a regex from request data.
 */

const WHITESPACE = /\s+/g;

/** Lowercased, whitespace collapsed to single spaces, trimmed: the form rules are matched in. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(WHITESPACE, ' ').trim();
}

/** The text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      text += (part as { text: string }).text;
    }
  }
  return text;
}

interface MessageLike {
  role: string;
  content?: unknown;
}

/** The system (and developer) messages joined by newlines: the prompt the world reads rules from. */
export function systemText(messages: readonly MessageLike[]): string {
  const parts: string[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') parts.push(contentText(message.content));
  }
  return parts.join('\n');
}

/** The user messages' texts with their positions, in order. */
export function userTexts(messages: readonly MessageLike[]): Array<{ text: string; at: number }> {
  const found: Array<{ text: string; at: number }> = [];
  messages.forEach((message, at) => {
    if (message.role === 'user') found.push({ text: contentText(message.content), at });
  });
  return found;
}

/** How many assistant turns follow position `after`: the plan step to play now. */
export function assistantTurnsAfter(messages: readonly MessageLike[], after: number): number {
  let turns = 0;
  for (let i = after + 1; i < messages.length; i += 1) if (messages[i]!.role === 'assistant') turns += 1;
  return turns;
}
