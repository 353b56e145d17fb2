import type { SimWorldConfig } from '../config/index.js';
import type { DirectFetch, SimServer, SimServerOptions } from './sim/index.js';
import type { SimSuiteInput } from './sim/types.js';

export type RunningSim = SimServer;

/** Server settings beyond agentdevel.yaml's `sim:` (faults, limits), for tests and benchmarks. */
export type InProcessSimOptions = Omit<SimServerOptions, 'responder'>;

/**
 * Starts the simulated world on a free loopback port, playing the given suites. Loaded lazily:
 * commands that talk only to real servers never load it.
 */
export async function startInProcessSim(world: SimWorldConfig, suites: SimSuiteInput[], options: InProcessSimOptions = {}): Promise<RunningSim> {
  const [{ startSimServer }, { createWorld }] = await Promise.all([import('./sim/index.js'), import('./sim/world/index.js')]);
  return startSimServer({
    host: '127.0.0.1',
    port: 0,
    latencyMs: world.latencyMs,
    seed: world.seed,
    ...options,
    responder: createWorld({ config: world, suites }),
  });
}

/** The simulated world behind a direct transport: a fetch for the SDK, no server, no port. */
export interface DirectSim {
  url: string;
  fetch: DirectFetch;
}

/** The world of startInProcessSim without the HTTP server: its requests go through createDirectFetch (sim/direct.ts). */
export async function startDirectSim(world: SimWorldConfig, suites: SimSuiteInput[]): Promise<DirectSim> {
  const [{ createDirectFetch, DIRECT_SIM_URL }, { createWorld }] = await Promise.all([import('./sim/index.js'), import('./sim/world/index.js')]);
  return { url: DIRECT_SIM_URL, fetch: createDirectFetch(createWorld({ config: world, suites }), { seed: world.seed }) };
}
