import type { ServerResponse } from 'node:http';

/** Writing replies to the socket, whole or as server-sent events, faithfully or with an injected fault. */

export type WireFault = 'malformed' | 'cut-stream' | undefined;

export async function writeCompletion(res: ServerResponse, body: Record<string, unknown>, fault: WireFault): Promise<void> {
  const text = JSON.stringify(body);
  if (fault === 'malformed') {
    // Half an object: the status and headers say JSON, the body is not.
    const broken = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(broken) });
    res.end(broken);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  if (fault === 'cut-stream') {
    await write(res, text.slice(0, Math.floor(text.length / 2)));
    res.destroy();
    return;
  }
  res.end(text);
}

export async function writeEventStream(res: ServerResponse, chunks: Array<Record<string, unknown>>, fault: WireFault): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const cutAt = fault === 'cut-stream' ? Math.max(1, Math.floor(chunks.length / 2)) : chunks.length;
  for (let i = 0; i < cutAt; i++) {
    let data = JSON.stringify(chunks[i]);
    if (fault === 'malformed' && i === Math.floor(chunks.length / 2)) data = data.slice(0, Math.floor(data.length / 2));
    if (fault === 'cut-stream' && i === cutAt - 1) {
      // Let what was written reach the client, then drop the connection: no final chunk, no [DONE].
      await write(res, `data: ${data}\n\n`);
      res.destroy();
      return;
    }
    if (!res.write(`data: ${data}\n\n`)) await drained(res);
  }
  res.end('data: [DONE]\n\n');
}

/** Resolves once the text is handed to the socket (or the connection is gone). */
function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    res.once('close', resolve);
    res.write(text, () => {
      res.off('close', resolve);
      resolve();
    });
  });
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
