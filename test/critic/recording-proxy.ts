import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** A request body as the proxy received it, by the route it came in on. */
export interface Recorded {
  route: string;
  method: string;
  body: string;
}

const open: Server[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * A loopback HTTP proxy in front of a model server that keeps every request body it forwards.
 * Each role gets its own base URL (`<url>/<route>/v1`), so what the critic endpoint received
 * is known exactly.
 */
export async function recordingProxy(target: string, routes: string[]): Promise<{ urlFor(route: string): string; received: Recorded[] }> {
  const received: Recorded[] = [];
  const upstream = target.replace(/\/v1$/, '');
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      const [, route = '', ...rest] = (req.url ?? '/').split('/');
      if (!routes.includes(route)) {
        res.writeHead(404).end();
        return;
      }
      received.push({ route, method: req.method ?? 'GET', body });
      fetch(`${upstream}/${rest.join('/')}`, { method: req.method ?? 'GET', headers: { 'content-type': 'application/json' }, ...(body ? { body } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(502).end(String(error));
        });
    });
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { urlFor: (route) => `http://127.0.0.1:${port}/${route}/v1`, received };
}
