import { composeReply } from './compose.js';
import { drawForRequest, OccurrenceCounter, requestHash } from './draws.js';
import { HttpError } from './http-error.js';
import { resolveSimOptions } from './options.js';
import { completionBody, streamChunks } from './render.js';
import { parseChatRequest } from './request.js';
import type { SimResponder } from './types.js';

/** The base URL the direct transport answers: no socket is ever opened for it. */
export const DIRECT_SIM_URL = 'http://sim.direct.invalid/v1';

export type DirectFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The simulated world as a `fetch` for the openai SDK (its `fetch` client option), with no
 * socket and no HTTP framing: a chat-completions request body goes through the server's own
 * parser and checks (parseChatRequest), the responder and the reply shaping (composeReply), and
 * comes back as the JSON (or server-sent events) text the server would have written, in a
 * Response. Everything above the socket is the same code as over loopback HTTP: the SDK's
 * request building, our attempt, reply parsing, cache, retries and usage. What it leaves out is
 * what only a socket does (latency, injected faults, queueing); use the HTTP server for those.
 */
export function createDirectFetch(responder: SimResponder, options: { seed?: number } = {}): DirectFetch {
  const resolved = resolveSimOptions({ seed: options.seed ?? 0 });
  const occurrences = new OccurrenceCounter();
  return async (input, init) => {
    try {
      const request = input instanceof Request ? input : undefined;
      const path = new URL(request ? request.url : String(input)).pathname;
      const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
      if (!path.endsWith('/chat/completions')) throw new HttpError(404, `Invalid URL (${method} ${path}): the direct transport serves only chat completions.`, 'invalid_request_error', null, 'unknown_url');
      if (method !== 'POST') throw new HttpError(405, `Method ${method} is not allowed on ${path}; use POST.`, 'invalid_request_error', null, 'method_not_allowed');
      const parsed = parseChatRequest(await bodyOf(init?.body ?? (request ? await request.arrayBuffer() : undefined)));
      const hash = requestHash(parsed.request);
      const { key } = drawForRequest(resolved, hash, occurrences.next(hash));
      const { meta, wire } = composeReply(responder, parsed, key);
      if (parsed.stream) {
        const events = streamChunks(meta, wire, parsed.includeUsage).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
        return new Response(`${events.join('')}data: [DONE]\n\n`, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      }
      return json(200, completionBody(meta, wire));
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, error.body(), error.headers);
      return json(500, new HttpError(500, `Internal error of the simulated server: ${(error as Error).message}`, 'server_error').body());
    }
  };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
}

async function bodyOf(body: unknown): Promise<Buffer> {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  throw new HttpError(400, 'The direct transport needs the request body as text or bytes.', 'invalid_request_error', null, 'invalid_body');
}
