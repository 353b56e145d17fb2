import { fail } from '../core/errors.js';
import type { ChatResult } from './types.js';

/**
 * The JSON a reply holds, for callers that asked for a response format. A reply cut at
 * max_tokens (finish reason "length") is often invalid JSON: the error says so, so callers can
 * retry or record it rather than guess.
 */
export function parseJsonReply(result: ChatResult): unknown {
  const text = result.content?.trim() ?? '';
  try {
    return JSON.parse(text);
  } catch (error) {
    const cut = result.finishReason === 'length' ? ' (the reply was cut at max_tokens: raise sampling.maxTokens)' : '';
    const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
    return fail('EMODEL_REPLY', `${result.model}: the reply is not valid JSON${cut}: ${JSON.stringify(shown)}`, { cause: error, data: { finishReason: result.finishReason } });
  }
}
