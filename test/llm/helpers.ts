import { afterEach } from 'vitest';
import { projectSchema, type Project } from '../../src/config/index.js';
import { openModelLayer, type ModelLayer, type ModelLayerOptions, type RetryPolicy } from '../../src/llm/index.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../../src/llm/sim/index.js';
import { tempDir } from '../helpers/tmp.js';

/** Short backoff so retry tests take milliseconds; Retry-After is still obeyed in full. */
export const fastRetry: RetryPolicy = { baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 60_000 };

const toClose: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (toClose.length > 0) await toClose.pop()?.();
});

/** A simulated server on a free loopback port, closed after the test. */
export async function simServer(options: SimServerOptions = {}): Promise<SimServer> {
  const server = await startSimServer(options);
  toClose.push(() => server.close());
  return server;
}

/** A project with the given agentdevel.yaml contents and a fresh temp store. */
export async function tempProject(config: Record<string, unknown> = {}): Promise<Project> {
  const root = await tempDir('agentdevel-llm-');
  return { root, configPath: undefined, config: projectSchema.parse(config), storeDir: `${root}/.agentdevel` };
}

/** A model layer whose agent role talks to `baseURL` (a URL or a list), closed after the test. */
export async function agentLayer(
  baseURL: string | string[],
  endpoint: Record<string, unknown> = {},
  options: ModelLayerOptions = {},
): Promise<{ layer: ModelLayer; project: Project }> {
  // Every role on the given server, so no in-process simulated world is started.
  const project = await tempProject({
    endpoints: { agent: { baseURL, model: 'sim-agent', ...endpoint }, critic: { baseURL, model: 'sim-critic' }, engineer: { baseURL, model: 'sim-engineer' } },
  });
  const layer = await openModelLayer(project, { retryPolicy: fastRetry, ...options });
  toClose.push(() => layer.close());
  return { layer, project };
}

export function userMessage(text: string) {
  return [{ role: 'user' as const, content: text }];
}
