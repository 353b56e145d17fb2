import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** A request as the raw server received it. */
export interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export type RawHandler = (request: Received, res: ServerResponse, index: number) => void;

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/**
 * A bare node:http server answering /v1/chat/completions with whatever `handler` writes: for
 * replaying exact bodies that real servers (llama.cpp, vLLM) are known to send.
 */
export async function rawServer(handler: RawHandler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    // GETs are a client's probes (the critic asks llama.cpp's /props for the context window): not chat requests, not recorded.
    if (req.method === 'GET') return void sendJson(res, 404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const request = { at: performance.now(), headers: req.headers, body: JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown> };
      received.push(request);
      handler(request, res, received.length - 1);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** Server-sent events, each chunk as one `data:` line, then `[DONE]`. */
export function sendEvents(res: ServerResponse, chunks: unknown[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  res.end('data: [DONE]\n\n');
}
