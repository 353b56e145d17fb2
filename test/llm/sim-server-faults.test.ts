import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../../src/llm/sim/index.js';
import { chat, sseData, user } from './sim-server-http.js';

const started: SimServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function serve(options: SimServerOptions & { lines?: string[] } = {}): Promise<SimServer> {
  const { lines, ...rest } = options;
  const server = await startSimServer({ ...rest, log: lines ? (line) => lines.push(line) : undefined });
  started.push(server);
  return server;
}

const hello = { messages: [user('hello')] };
const SIM_DIST = fileURLToPath(new URL('../../dist/llm/sim/index.js', import.meta.url));

/** The drawn fault and latency of each chat completion, from the server's log lines, in order. */
const draws = (lines: string[]) => lines.filter((l) => l.startsWith('POST')).map((l) => / fault=(\S+) latency=(\d+)ms/.exec(l)!.slice(1).join('/'));

describe('fault injection', () => {
  it('429: rate-limit error body with Retry-After in seconds and retry-after-ms', async () => {
    const server = await serve({ faultRate: 1, faults: ['429'], retryAfterMs: 1500 });
    const reply = await chat(server.url, hello);
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('2');
    expect(reply.headers.get('retry-after-ms')).toBe('1500');
    expect(reply.json).toMatchObject({ error: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', param: null } });
    expect(server.stats().faults).toEqual({ '429': 1 });
  });

  it('500: server error body', async () => {
    const server = await serve({ faultRate: 1, faults: ['500'] });
    const reply = await chat(server.url, hello);
    expect(reply.status).toBe(500);
    expect(reply.json).toMatchObject({ error: { type: 'server_error', code: 'internal_error' } });
  });

  it('malformed: 200 with a JSON content type and a body that is not JSON, plain and streamed', async () => {
    const server = await serve({ faultRate: 1, faults: ['malformed'] });
    const plain = await chat(server.url, hello);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(plain.text)).toThrow();
    const streamed = await chat(server.url, { ...hello, stream: true });
    expect(streamed.text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(() => sseData(streamed.text)).toThrow(SyntaxError);
  });

  it('cut-stream: a stream that stops mid-way without [DONE]; a plain body cut mid-way', async () => {
    const server = await serve({ faultRate: 1, faults: ['cut-stream'] });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim-agent', messages: [user('a question long enough for a reply of several chunks')], stream: true }),
    });
    expect(res.status).toBe(200);
    const decoder = new TextDecoder();
    let received = '';
    const reading = (async () => {
      for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) received += decoder.decode(part, { stream: true });
    })();
    await expect(reading).rejects.toThrow(/terminated|closed|socket/i);
    const chunks = sseData(received);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks).not.toContain('[DONE]');
    expect(chunks.some((c) => c !== '[DONE]' && (c.choices as Array<{ finish_reason: unknown }>)[0]?.finish_reason)).toBe(false);

    await expect(chat(server.url, hello)).rejects.toThrow(/terminated|closed|socket/i);
  });

  it('hang: no answer until the client gives up, and the slot is freed then', async () => {
    const lines: string[] = [];
    const server = await serve({ faultRate: 1, faults: ['hang'], concurrencyLimit: 1, lines });
    await expect(chat(server.url, hello, AbortSignal.timeout(150))).rejects.toThrow(/abort|timeout/i);
    await waitFor(() => server.stats().inFlight === 0);
    // The one slot is free again: the next request is admitted (and hangs in its turn).
    await expect(chat(server.url, { messages: [user('other')] }, AbortSignal.timeout(150))).rejects.toThrow(/abort|timeout/i);
    await waitFor(() => lines.filter((l) => l.includes(' hang ')).length === 2);
    expect(server.stats().byStatus).toEqual({});
    expect(server.stats().faults).toEqual({ hang: 2 });
  });

  it('faults only the drawn share of requests, and a repeat of a faulted request is drawn afresh', async () => {
    const server = await serve({ faultRate: 0.3, faults: ['500'], seed: 11 });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await chat(server.url, { messages: [user(`question ${i}`)] })).status);
    const faulted = statuses.filter((s) => s === 500).length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(35);
    const first = statuses.indexOf(500);
    let retries = 0;
    while ((await chat(server.url, { messages: [user(`question ${first}`)] })).status === 500) retries += 1;
    expect(retries).toBeLessThan(20);
  });
});

describe('determinism', () => {
  async function session(seed: number) {
    const lines: string[] = [];
    const server = await serve({ seed, faultRate: 0.5, faults: ['429', '500', 'malformed'], latencyMs: { min: 0, max: 5 }, lines });
    const replies: string[] = [];
    for (let i = 0; i < 16; i++) {
      const reply = await chat(server.url, { messages: [user(`q${i % 5}`)], tools: i % 3 === 0 ? [{ type: 'function', function: { name: 'look', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }] : undefined });
      replies.push(`${reply.status} ${reply.text.replace(/"created":\d+/, '')}`);
    }
    return { replies, draws: draws(lines) };
  }

  it('gives the same replies, faults and latencies for the same seed and requests', async () => {
    const a = await session(5);
    const b = await session(5);
    expect(b.replies).toEqual(a.replies);
    expect(b.draws).toEqual(a.draws);
    const c = await session(6);
    expect(c.draws).not.toEqual(a.draws);
  });
});

describe('latency', () => {
  it('draws each delay from the range, seeded, and waits at least that long', async () => {
    const lines: string[] = [];
    const server = await serve({ latencyMs: { min: 20, max: 60 }, seed: 3, lines });
    for (let i = 0; i < 8; i++) {
      const before = performance.now();
      await chat(server.url, { messages: [user(`q${i}`)] });
      const elapsed = performance.now() - before;
      const drawn = Number(/latency=(\d+)ms/.exec(lines.at(-1)!)![1]);
      expect(drawn).toBeGreaterThanOrEqual(20);
      expect(drawn).toBeLessThanOrEqual(60);
      expect(elapsed).toBeGreaterThanOrEqual(drawn - 1);
    }
    expect(new Set(draws(lines)).size).toBeGreaterThan(1);
  });

  it('applies a fixed latency to every chat completion', async () => {
    const lines: string[] = [];
    const server = await serve({ latencyMs: 25, lines });
    await chat(server.url, hello);
    await chat(server.url, { ...hello, stream: true });
    expect(draws(lines)).toEqual(['none/25', 'none/25']);
  });
});

describe('concurrency limit', () => {
  it('serves at most the limit at once and queues the rest in order', async () => {
    const lines: string[] = [];
    const server = await serve({ concurrencyLimit: 2, latencyMs: 40, lines });
    let peakQueued = 0;
    const watch = setInterval(() => (peakQueued = Math.max(peakQueued, server.stats().queued)), 2);
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => chat(server.url, { messages: [user(`q${i}`)] })));
    clearInterval(watch);
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    const stats = server.stats();
    expect(stats.peakInFlight).toBe(2);
    expect(peakQueued).toBeGreaterThan(0);
    expect(stats.inFlight).toBe(0);
    expect(stats.queued).toBe(0);
  });

  it('drops a queued request whose client left, without taking a slot', async () => {
    const server = await serve({ concurrencyLimit: 1, latencyMs: 300 });
    const first = chat(server.url, hello);
    await waitFor(() => server.stats().inFlight === 1);
    await expect(chat(server.url, { messages: [user('queued')] }, AbortSignal.timeout(50))).rejects.toThrow();
    await waitFor(() => server.stats().queued === 0);
    expect((await first).status).toBe(200);
    expect(server.stats().peakInFlight).toBe(1);
  });
});

describe('close', () => {
  it('ends hanging, sleeping and queued requests and frees the port', async () => {
    const hanging = await startSimServer({ faultRate: 1, faults: ['hang'] });
    const slow = await startSimServer({ latencyMs: 60_000, concurrencyLimit: 1 });
    const pending = [chat(hanging.url, hello), chat(slow.url, hello), chat(slow.url, { messages: [user('queued')] })].map((p) => p.then(() => 'answered', (e: Error) => e.message));
    await waitFor(() => hanging.stats().faults.hang === 1 && slow.stats().inFlight === 1 && slow.stats().queued === 1);
    await Promise.all([hanging.close(), slow.close()]);
    expect(await Promise.all(pending)).toEqual(['fetch failed', 'fetch failed', 'fetch failed']);
    for (const server of [hanging, slow]) await expect(listenOn(server.port)).resolves.toBe(server.port);
  });

  it('leaves nothing behind: a process that closed its servers exits by itself', async () => {
    // Built code, run alone: a timer or socket left alive by close() would keep the process up past the timeout.
    const script = `
      import { startSimServer } from ${JSON.stringify(pathToFileURL(SIM_DIST).href)};
      const hanging = await startSimServer({ faultRate: 1, faults: ['hang'] });
      const slow = await startSimServer({ latencyMs: 60000, concurrencyLimit: 1 });
      const post = (url, content) => fetch(url + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }) }).then((r) => r.status, () => 'failed');
      const pending = [post(hanging.url, 'a'), post(slow.url, 'a'), post(slow.url, 'b')];
      while (!(hanging.stats().faults.hang === 1 && slow.stats().inFlight === 1 && slow.stats().queued === 1)) await new Promise((r) => setTimeout(r, 5));
      await Promise.all([hanging.close(), slow.close()]);
      console.log(JSON.stringify(await Promise.all(pending)));`;
    const run = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false, timeout: 10_000 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['failed', 'failed', 'failed']);
  });

  it('is safe to call twice', async () => {
    const server = await startSimServer();
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });
});

describe('options', () => {
  it.each([
    [{ faultRate: 2 }, /faultRate/],
    [{ faults: ['teapot'] }, /faults\[0\]/],
    [{ latencyMs: { min: 50, max: 10 } }, /latencyMs/],
    [{ concurrencyLimit: 0 }, /concurrencyLimit/],
    [{ port: 70_000 }, /port/],
  ])('refuses %o with EUSAGE naming the option', async (options, message) => {
    const error = await startSimServer(options as SimServerOptions).catch((e: unknown) => e);
    expect(isAgentdevelError(error) && error.code).toBe('EUSAGE');
    expect((error as Error).message).toMatch(message);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(port)));
  });
}
