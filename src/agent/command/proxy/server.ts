import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelClient } from '../../../llm/types.js';
import { handleChat, handleModels } from './chat-route.js';
import type { ProxyEpisode } from './episode.js';
import { HttpProblem, sendError } from './http.js';
import { handleToolCall } from './tools-route.js';

export interface OpenEpisode {
  token: string;
  /** The OpenAI base URL the program gets as OPENAI_BASE_URL. */
  baseURL: string;
  toolsURL: string;
  /** Unregisters the token: later calls with it get 404. */
  close(): void;
}

/**
 * The recording proxy: one HTTP server on loopback per runner; each episode has a random path
 * token (`/ep/<token>/v1`), so concurrent episodes' calls land in their own traces and a
 * program cannot reach another episode's.
 */
export class RecordingProxy {
  private readonly episodes = new Map<string, ProxyEpisode>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly client: ModelClient,
  ) {}

  static async start(client: ModelClient): Promise<RecordingProxy> {
    let proxy: RecordingProxy | undefined;
    const server = createServer((req, res) => {
      if (proxy) void proxy.handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy = new RecordingProxy(server, (server.address() as AddressInfo).port, client);
    return proxy;
  }

  open(episode: ProxyEpisode): OpenEpisode {
    const token = randomBytes(18).toString('base64url');
    this.episodes.set(token, episode);
    const root = `http://127.0.0.1:${this.port}/ep/${token}`;
    return { token, baseURL: `${root}/v1`, toolsURL: `${root}/tools`, close: () => this.episodes.delete(token) };
  }

  async close(): Promise<void> {
    this.episodes.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      if (error instanceof HttpProblem) return sendError(res, error);
      sendError(res, new HttpProblem(500, `agentdevel proxy fault: ${(error as Error).message}`, 'server_error', 'EINTERNAL'));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const match = /^\/ep\/([^/]+)(\/.*)$/.exec(path);
    const episode = match ? this.episodes.get(match[1] as string) : undefined;
    if (!match || !episode) throw new HttpProblem(404, 'unknown episode token: this address is not (or no longer) open for any episode', 'invalid_request_error', 'unknown_token');
    const rest = match[2] as string;
    const method = req.method ?? 'GET';
    try {
      if (method === 'POST' && rest === '/v1/chat/completions') return await handleChat(req, res, episode, this.client);
      if (method === 'GET' && rest === '/v1/models') return handleModels(res, this.client);
      const model = /^\/v1\/models\/(.+)$/.exec(rest);
      if (method === 'GET' && model) return handleModels(res, this.client, decodeURIComponent(model[1] as string));
      const tool = /^\/tools\/([^/]+)$/.exec(rest);
      if (method === 'POST' && tool) return await handleToolCall(req, res, episode, decodeURIComponent(tool[1] as string));
    } catch (error) {
      if (!(error instanceof HttpProblem)) {
        const message = error instanceof Error ? error.message : String(error);
        episode.fault ??= { code: 'EINTERNAL', message: `proxy fault: ${message}` };
        episode.trace.error(`proxy fault: ${message}`, 'EINTERNAL');
      }
      throw error;
    }
    throw new HttpProblem(404, `${method} ${rest} is not served: the proxy serves POST /v1/chat/completions, GET /v1/models and POST /tools/<name>`, 'invalid_request_error', 'unknown_path');
  }
}
