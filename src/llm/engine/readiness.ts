import { connect, createServer } from 'node:net';

/** True when GET <baseURL>/models answers 200: the server has loaded its model and takes requests. */
export async function answersModels(baseURL: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const res = await fetch(`${baseURL}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** A port free on `host` now (the engine binds it a moment later). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Whether a server already accepts connections on `host:port`. Not a test bind: after a server
 * stops, its closed connections keep the port in TIME_WAIT for a minute, which fails a bind
 * from Node (no SO_REUSEADDR) though the engines, which set it, bind the port at once.
 */
export function somethingListens(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: reachableHost(host).replace(/^\[|\]$/g, ''), port, timeout: timeoutMs });
    const done = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** The address a client on this machine uses to reach a server bound to `host`. */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
