import { execa } from 'execa';
import { access } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

/** Where a headless Chromium (or Chrome) may be: $AGENTDEVEL_CHROMIUM, Debian's chromium, the runners' Google Chrome. */
export const BROWSER_CANDIDATES = [process.env.AGENTDEVEL_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].filter(
  (p): p is string => typeof p === 'string' && p !== '',
);

export async function findBrowser(): Promise<string | undefined> {
  for (const path of BROWSER_CANDIDATES) if (await access(path).then(() => true, () => false)) return path;
  return undefined;
}

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/**
 * The Chrome DevTools Protocol over `--remote-debugging-pipe`: the browser reads commands on
 * its fd 3 and writes replies and events on its fd 4, each a JSON message ended by a NUL byte.
 * No WebSocket, no package beyond execa.
 */
export class CdpPipe {
  readonly events: CdpEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>();
  private readonly waiters: Array<{ method: string; resolve: (e: CdpEvent) => void }> = [];
  private buffer = '';

  private constructor(
    private readonly child: PromiseLike<unknown>,
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
  }

  static launch(browser: string, userDataDir: string): CdpPipe {
    const child = execa(
      browser,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        `--user-data-dir=${userDataDir}`,
        '--remote-debugging-pipe',
      ],
      { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'], reject: false, timeout: 60_000 },
    );
    const stdio = child.stdio as unknown as [unknown, unknown, unknown, Writable, Readable];
    return new CdpPipe(child, stdio[3], stdio[4]);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.input.write(`${message}\0`);
    });
  }

  /** The next event of that name. */
  once(method: string): Promise<CdpEvent> {
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    await this.child;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } } & Partial<CdpEvent>;
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting?.resolve(message.result ?? {});
      } else if (message.method) {
        const event = { method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) };
        this.events.push(event);
        for (const waiter of this.waiters.filter((w) => w.method === event.method)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    }
  }
}
