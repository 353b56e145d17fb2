import type { EndpointConfig, SimWorldConfig } from '../config/index.js';
import { hashValue } from '../core/hash.js';
import type { RunManifest } from '../core/records.js';
import type { Blueprint } from '../agent/types.js';
import type { LoadedSuite } from '../suite/types.js';
import { computeRunId, type CriticIdentity, type RunIdentity } from './identity.js';
import { exampleKey } from './keys.js';
import { inShard, type Shard } from './shard.js';

export const AGENTDEVEL_VERSION = '0.1.0';

export interface ManifestInput {
  blueprint: Blueprint;
  suites: LoadedSuite[];
  /** Overrides every suite's own `repeats`. */
  repeats: number | undefined;
  endpoint: EndpointConfig;
  /** The model name the client sends (the endpoint's, or the layer's default). */
  model: string;
  simulated: boolean;
  sim: SimWorldConfig;
  seed: number;
  sampleBase: number;
  shard: Shard | undefined;
  /** Restrict the run to these example keys (`suite/id`, checked, sorted: see exampleSubset). */
  examples?: readonly string[] | undefined;
  /** The critic role's endpoint and client, when a suite is scored by the critic (usesCriticScorer). */
  critic?: { endpoint: EndpointConfig; model: string; simulated: boolean } | undefined;
}

/** The agent's sampling settings: the role's, with the blueprint's overrides applied. */
export function effectiveSampling(endpoint: EndpointConfig, blueprint: Blueprint): Record<string, unknown> {
  return { ...endpoint.sampling, ...(blueprint.config.sampling ?? {}) };
}

/**
 * The in-process simulated world's settings decide its answers, so they are part of the run id;
 * its latency only decides how fast they come, so it is not.
 */
export function worldHash(endpoint: EndpointConfig, sim: SimWorldConfig): string | undefined {
  if (endpoint.baseURL !== 'sim') return undefined;
  const { latencyMs: _latency, ...world } = sim;
  return hashValue(world).slice(0, 16);
}

/** Everything that identifies the run, and the examples it covers (after sharding), in run order. */
export function buildManifest(input: ManifestInput): RunManifest {
  const world = worldHash(input.endpoint, input.sim);
  const subset = input.examples ? new Set(input.examples) : undefined;
  const suites = input.suites.map((suite) => {
    const keys = suite.examples
      .map((example) => exampleKey(suite.name, example.id))
      .filter((key) => inShard(key, input.shard) && (!subset || subset.has(key)))
      .sort(compareCodePoints);
    return { name: suite.name, hash: suite.hash, repeats: input.repeats ?? suite.config.repeats, keys };
  });
  const identity: RunIdentity = {
    agent: input.blueprint.name,
    blueprintHash: input.blueprint.hash,
    suites: suites.map(({ name, hash, repeats }) => ({ name, hash, repeats })),
    model: { model: input.model, sampling: effectiveSampling(input.endpoint, input.blueprint), ...(world ? { world } : {}) },
    seed: input.seed,
    sampleBase: input.sampleBase,
    ...(input.shard ? { shard: input.shard } : {}),
    ...(input.examples ? { examples: [...input.examples] } : {}),
    ...(input.critic ? { critic: criticIdentity(input.critic, input.sim) } : {}),
  };
  const exampleKeys = suites.flatMap((suite) => suite.keys);
  return {
    runId: computeRunId(identity),
    agent: identity.agent,
    blueprintHash: identity.blueprintHash,
    suites: suites.map(({ name, hash, repeats, keys }) => ({ name, hash, examples: keys.length, repeats })),
    model: {
      role: 'agent',
      model: input.model,
      baseURL: describeBaseURL(input.endpoint.baseURL),
      sampling: identity.model.sampling,
      simulated: input.simulated,
      ...(world ? { world } : {}),
    },
    seed: input.seed,
    sampleBase: input.sampleBase,
    ...(input.shard ? { shard: input.shard } : {}),
    ...(identity.examples ? { examples: identity.examples } : {}),
    ...(input.critic && identity.critic ? { critic: { ...identity.critic, baseURL: describeBaseURL(input.critic.endpoint.baseURL), simulated: input.critic.simulated } } : {}),
    exampleCount: exampleKeys.length,
    exampleKeys,
    recordCount: suites.reduce((sum, suite) => sum + suite.keys.length * suite.repeats, 0),
    createdAt: new Date().toISOString(),
    agentdevelVersion: AGENTDEVEL_VERSION,
  };
}

function criticIdentity(critic: NonNullable<ManifestInput['critic']>, sim: SimWorldConfig): CriticIdentity {
  const world = worldHash(critic.endpoint, sim);
  return { model: critic.model, sampling: { ...critic.endpoint.sampling }, ...(world ? { world } : {}) };
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** For the manifest only: never a key, and any credentials in a URL are dropped; a list is recorded joined. */
function describeBaseURL(baseURL: EndpointConfig['baseURL']): string {
  const urls = Array.isArray(baseURL) ? baseURL : [baseURL];
  return urls.map(withoutCredentials).join(' ');
}

function withoutCredentials(url: string): string {
  if (url === 'sim') return url;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
