import { stableStringify } from '../core/hash.js';
import type { Example } from './schemas/suite.js';

/**
 * The text of the task as a model sees it in the user turn. Every agent and the simulated
 * world use this one function, so the world can recognise the example a request is about.
 */
export function taskText(input: Example['input']): string {
  if (typeof input === 'string') return input;
  if (typeof input.prompt === 'string') return input.prompt;
  const messages = input.messages;
  if (Array.isArray(messages)) {
    const users = messages.filter((m): m is { role: 'user'; content: string } => isUserText(m));
    const last = users[users.length - 1];
    if (last) return last.content;
  }
  return stableStringify(input);
}

function isUserText(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { role?: unknown }).role === 'user' &&
    typeof (message as { content?: unknown }).content === 'string'
  );
}
