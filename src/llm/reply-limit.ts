import type { DirectFetch } from './sim/direct.js';

/** A reply body larger than the role's endpoints.<role>.maxReplyBytes: reading stopped there. */
export class ReplyTooLargeError extends Error {
  override readonly name = 'ReplyTooLargeError';
  constructor(readonly limit: number) {
    super(`the reply is larger than ${limit} bytes (endpoints.<role>.maxReplyBytes); reading stopped there`);
  }
}

export function isReplyTooLarge(error: unknown): error is ReplyTooLargeError {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ReplyTooLargeError) return true;
  }
  return false;
}

/**
 * `fetch` whose response bodies stop at `maxBytes`: counted as they arrive, streamed or not, so
 * an oversize reply is refused before it is parsed or held whole (a 50 MB reply costs at most
 * maxBytes of buffering, not its text, its JSON and its copies). A declared Content-Length over
 * the limit is refused before the body is read at all.
 */
export function limitedFetch(maxBytes: number, base: DirectFetch = (input, init) => fetch(input, init)): DirectFetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.body) return response;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new ReplyTooLargeError(maxBytes);
    }
    // A completion read whole by attempt() is counted there, at no cost; what the SDK reads (streams, error bodies) is counted here.
    if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json')) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(new ReplyTooLargeError(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
