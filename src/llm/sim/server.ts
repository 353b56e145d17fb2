import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentdevelError } from '../../core/errors.js';
import { handleChat, type ChatContext, type ChatNote } from './chat.js';
import { OccurrenceCounter } from './draws.js';
import { createEchoResponder } from './echo-responder.js';
import { HttpError } from './http-error.js';
import { readBody, sendError, sendJson } from './http-io.js';
import { GpuModel, type GpuStats } from './gpu/gpu.js';
import { Slots } from './limiter.js';
import { ModelList } from './models.js';
import { resolveSimOptions, type SimServerOptions } from './options.js';

export interface SimServerStats {
  /** Every HTTP request received, on any route. */
  requests: number;
  /** Responses by HTTP status (a hang has none). */
  byStatus: Record<string, number>;
  chatCompletions: number;
  /** Injected faults by kind. */
  faults: Record<string, number>;
  inFlight: number;
  peakInFlight: number;
  queued: number;
  /** The GPU-shaped timing model's figures, in GPU mode. */
  gpu?: GpuStats;
}

export interface SimServer {
  /** Base URL ending in /v1, for an OpenAI client's baseURL. */
  url: string;
  port: number;
  /** Ends hanging and queued requests, closes every connection and frees the port. */
  close(): Promise<void>;
  stats(): SimServerStats;
}

/**
 * How long an idle kept-alive connection stays open: longer than any client keeps one (undici
 * 4 s or the server's hint less a margin, Node's agent the hint less 1 s, Python's httpx 5 s).
 * A server that closes first can close a socket just as a client sends on it, and that request
 * dies with ECONNRESET; Node's default of 5 s is that race.
 */
export const KEEP_ALIVE_MS = 65_000;

const CHAT = '/v1/chat/completions';
const MODELS = '/v1/models';

/** Starts the simulated OpenAI-compatible server on loopback (by default on a free port). */
export async function startSimServer(input: SimServerOptions = {}): Promise<SimServer> {
  const options = resolveSimOptions(input);
  const models = new ModelList(options.models);
  const slots = new Slots(options.concurrencyLimit);
  const gpu = options.gpu ? new GpuModel(options.gpu, options.clock) : undefined;
  const counts = { requests: 0, chatCompletions: 0, byStatus: {} as Record<string, number>, faults: {} as Record<string, number> };
  const active = new Set<AbortController>();
  const ctx: ChatContext = {
    options,
    responder: options.responder ?? createEchoResponder(),
    slots,
    occurrences: new OccurrenceCounter(),
    models,
    gpu,
    clock: options.clock,
    noteFault: (kind) => void (counts.faults[kind] = (counts.faults[kind] ?? 0) + 1),
  };

  async function route(req: IncomingMessage, res: ServerResponse, signal: AbortSignal, note: ChatNote): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (path === CHAT) {
      allow(method, ['POST'], path);
      counts.chatCompletions += 1;
      return handleChat(await readBody(req, options.maxBodyBytes), res, ctx, signal, note);
    }
    if (path === MODELS) {
      allow(method, ['GET'], path);
      sendJson(res, 200, models.list());
      return;
    }
    if (path.startsWith(`${MODELS}/`)) {
      allow(method, ['GET'], path);
      const id = decodeURIComponent(path.slice(MODELS.length + 1));
      if (!models.has(id)) throw new HttpError(404, `The model '${id}' does not exist.`, 'invalid_request_error', 'model', 'model_not_found');
      sendJson(res, 200, models.model(id));
      return;
    }
    if (gpu && path === '/stats') {
      allow(method, ['GET'], path);
      sendJson(res, 200, stats());
      return;
    }
    if (gpu && path === '/props') {
      allow(method, ['GET'], path);
      // The part of llama.cpp's /props a client reads capacity from; `simulated` says what it is.
      sendJson(res, 200, { total_slots: gpu.settings.slots, simulated: true, prefix_cache: gpu.settings.prefixCache ? 'shared' : 'off' });
      return;
    }
    if (path === '/health') {
      allow(method, ['GET'], path);
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    throw new HttpError(404, `Invalid URL (${method} ${path}).`, 'invalid_request_error', null, 'unknown_url');
  }

  const stats = (): SimServerStats => {
    const base = { ...counts, byStatus: { ...counts.byStatus }, faults: { ...counts.faults }, ...slots.stats() };
    if (!gpu) return base;
    const g = gpu.stats();
    return { ...base, inFlight: g.busySlots, peakInFlight: g.peakBusySlots, queued: g.queued, gpu: g };
  };

  const server = createServer((req, res) => {
    counts.requests += 1;
    const started = Date.now();
    const controller = new AbortController();
    active.add(controller);
    res.on('close', () => {
      // Only a request still waiting (queued, sleeping, hanging) needs waking: the client left.
      if (!res.writableFinished) controller.abort();
      active.delete(controller);
    });
    const note: ChatNote = {};
    route(req, res, controller.signal, note)
      .catch((error: unknown) => {
        if (res.headersSent || controller.signal.aborted) return;
        if (error instanceof HttpError) return sendError(res, error);
        options.log(`sim server: internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
        sendError(res, new HttpError(500, `Internal error of the simulated server: ${(error as Error).message}`, 'server_error'));
      })
      .then(() => {
        // A hang, or a client that left before any answer, has no status.
        const status = note.hung ? 'hang' : res.headersSent ? String(res.statusCode) : 'aborted';
        if (res.headersSent) counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
        const drawn = note.latencyMs === undefined ? '' : ` fault=${note.fault ?? 'none'} latency=${note.latencyMs}ms`;
        const queued = note.queueMs === undefined ? '' : ` queue=${note.queueMs.toFixed(1)}ms cached=${note.cachedTokens ?? 0}`;
        options.log(`${req.method} ${req.url} ${status}${drawn}${queued} took=${Date.now() - started}ms`);
      });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // The wait for a request's headers starts when a kept-alive connection goes idle: it must outlast it.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;

  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${port}/v1`,
    port,
    stats,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const controller of active) controller.abort();
        server.closeAllConnections();
      })),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.code === 'EACCES' ? `binding port ${port} is not permitted` : error.message;
      reject(new AgentdevelError('EUSAGE', `simulated server: cannot listen on ${host}:${port}: ${why}`, { details: 'Pass another --port, or --port 0 for any free port.', cause: error }));
    };
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
}

function allow(method: string, methods: string[], path: string): void {
  if (!methods.includes(method)) {
    throw new HttpError(405, `Method ${method} is not allowed on ${path}; use ${methods.join(', ')}.`, 'invalid_request_error', null, 'method_not_allowed', { allow: methods.join(', ') });
  }
}
