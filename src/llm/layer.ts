import { relative } from 'node:path';
import { roleNames, type Project, type RoleName } from '../config/index.js';
import { fail } from '../core/errors.js';
import { hashValue } from '../core/hash.js';
import { silentLogger, type Logger } from '../core/log.js';
import { storeLayout } from '../store/index.js';
import type { RetryPolicy } from './backoff.js';
import { createEndpointPool } from './balancer.js';
import { limitedFetch } from './reply-limit.js';
import { ResponseCache } from './cache.js';
import { RoleClient } from './client.js';
import { apiKeyFor, isSimulated, modelFor, urlsOf } from './endpoint-settings.js';
import { startDirectSim, startInProcessSim, type InProcessSimOptions, type RunningSim } from './in-process-sim.js';
import type { DirectFetch } from './sim/direct.js';
import type { SimSuiteInput } from './sim/types.js';
import type { ModelLayer, RoleUsage } from './types.js';

export interface ModelLayerOptions {
  /** Suites the simulated world plays (their examples and `sim:` annotations). */
  simSuites?: SimSuiteInput[];
  /** Server settings of the in-process simulated world beyond agentdevel.yaml's (faults, for tests and benchmarks). */
  sim?: InProcessSimOptions;
  /**
   * How roles on `baseURL: sim` reach the simulated world: `http` (default) a server on a loopback
   * port; `direct` the same server code called in-process through the SDK's `fetch` option, with
   * no socket (sim/direct.ts): the client layer is unchanged, but latency and faults, which only
   * the HTTP server injects, are not available.
   */
  simTransport?: 'http' | 'direct';
  /** false: no response cache at all; a call's own `cache: false` bypasses it for that call only. */
  cache?: boolean;
  retryPolicy?: RetryPolicy;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

const noUsage: RoleUsage = { calls: 0, cacheHits: 0, retries: 0, failures: 0, promptTokens: 0, completionTokens: 0, cost: 0 };

/**
 * The model clients of every role for one command. A role's client is built on first use, so a
 * command that never calls the engineer does not need the engineer's key. When a role says
 * `baseURL: sim`, the simulated world is started in-process (on a free loopback port) by that
 * role's first call, so a command that never calls a simulated role never loads or starts it;
 * close() stops it.
 */
export async function openModelLayer(project: Project, options: ModelLayerOptions = {}): Promise<ModelLayer> {
  const { endpoints } = project.config;
  const configFile = project.configPath ? relative(process.cwd(), project.configPath) || project.configPath : 'agentdevel.yaml';
  const logger = options.logger ?? silentLogger;
  const anySimulated = roleNames.some((role) => isSimulated(endpoints[role]));
  if (anySimulated && options.simTransport === 'direct' && (options.sim !== undefined || project.config.sim.latencyMs > 0)) {
    fail('EUSAGE', 'the direct transport to the simulated world has no latency or injected faults (sim.latencyMs, server options)', {
      details: 'Leave simTransport at http for latency and faults: only the HTTP server injects them.',
    });
  }
  const cacheDb = storeLayout(project.storeDir).cacheDb;
  const cache =
    options.cache === false
      ? undefined
      : new ResponseCache(cacheDb, { onWriteError: (error) => logger.warn(`${cacheDb}: replies not cached: ${error instanceof Error ? error.message : String(error)}`) });
  let sim: RunningSim | undefined;
  let starting: Promise<{ url: string; fetch: DirectFetch | undefined }> | undefined;
  let closed = false;
  const startSim = () =>
    (starting ??= (async () => {
      if (closed) throw new Error('the model layer is closed: no simulated world is started after close()');
      const suites = options.simSuites ?? [];
      if (options.simTransport === 'direct') return startDirectSim(project.config.sim, suites);
      sim = await startInProcessSim(project.config.sim, suites, { ...options.sim, log: options.sim?.log ?? ((line) => logger.debug(line)) });
      return { url: sim.url, fetch: undefined };
    })());
  // Equal requests get different replies from differently configured worlds: keep their cache
  // entries apart. Hashing every suite's annotations is made once, when a simulated role is built.
  let simNamespace: string | undefined;
  const namespaceOfSim = () => (simNamespace ??= `sim:${hashValue({ world: project.config.sim, suites: options.simSuites ?? [] })}`);
  const clients = new Map<RoleName, RoleClient>();

  function build(role: RoleName): RoleClient {
    const endpoint = endpoints[role];
    const simulated = isSimulated(endpoint);
    const model = modelFor(role, endpoint, configFile);
    const apiKey = apiKeyFor(role, endpoint, configFile, options.env ?? process.env);
    // The direct transport is the simulated world in this process; replies from any server are read within the role's byte limit.
    const pool = (urls: string[], fetch?: DirectFetch) => createEndpointPool(urls, apiKey, endpoint.concurrency, endpoint.timeoutMs, fetch ?? limitedFetch(endpoint.maxReplyBytes));
    return new RoleClient({
      role,
      model,
      simulated,
      pool: simulated ? () => startSim().then((local) => pool([local.url], local.fetch)) : pool(urlsOf(endpoint)),
      sampling: endpoint.sampling,
      timeoutMs: endpoint.timeoutMs,
      maxRetries: endpoint.maxRetries,
      maxReplyBytes: endpoint.maxReplyBytes,
      pricing: endpoint.pricing,
      ...(endpoint.contextTokens === undefined ? {} : { contextTokens: endpoint.contextTokens }),
      ...(cache ? { cache, cacheNamespace: simulated ? namespaceOfSim() : '' } : {}),
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      logger,
    });
  }

  return {
    get simURL() {
      return sim?.url;
    },
    client(role) {
      let client = clients.get(role);
      if (!client) {
        client = build(role);
        clients.set(role, client);
      }
      return client;
    },
    usage() {
      return Object.fromEntries(roleNames.map((role) => [role, clients.get(role)?.usage() ?? { ...noUsage }])) as Record<RoleName, RoleUsage>;
    },
    async close() {
      if (closed) return;
      closed = true;
      cache?.close();
      await starting?.catch(() => undefined);
      await sim?.close();
    },
  };
}
