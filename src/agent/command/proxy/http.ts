import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the proxy reads (a long conversation with tool results fits easily). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  // The model layer behind the proxy has already retried; a client SDK retrying again would only multiply the wait.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-should-retry': 'false' });
  res.end(text);
}

/** An error in the shape OpenAI's API uses, so SDKs surface its message. */
export function sendError(res: ServerResponse, problem: HttpProblem): void {
  sendJson(res, problem.status, { error: { message: problem.message, type: problem.type, param: null, code: problem.code } });
}
