import { HttpError } from './http-error.js';
import type { CompletionMeta } from './render.js';
import { shapeReply, type WireReply } from './reply.js';
import type { ParsedChatRequest } from './request.js';
import type { SimResponder } from './types.js';

/**
 * The reply to a checked request: the responder's answer shaped by what the request allows,
 * with its id and creation time. `key` (unique per request and occurrence) seeds the ids. Shared
 * by the HTTP server and the direct transport (direct.ts), so both answer alike.
 */
export function composeReply(responder: SimResponder, parsed: ParsedChatRequest, key: string): { meta: CompletionMeta; wire: WireReply } {
  const wire = shapeReply(parsed, respond(responder, parsed.request), key);
  return { meta: { id: `chatcmpl-sim-${key}`, created: Math.floor(Date.now() / 1000), model: parsed.request.model }, wire };
}

function respond(responder: SimResponder, request: Parameters<SimResponder['respond']>[0]) {
  try {
    return responder.respond(request);
  } catch (error) {
    throw new HttpError(500, `The simulated model failed: ${(error as Error).message}`, 'server_error', null, 'responder_error');
  }
}
