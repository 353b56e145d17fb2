import type { ScorerConfig } from '../config/index.js';
import { hashValue } from '../core/hash.js';
import type { RunManifest } from '../core/records.js';

/**
 * Everything that determines a run's results, and nothing else: the endpoint's URL, key,
 * concurrency and timeouts change how fast a run goes, not what it records, so they are left
 * out and a run can resume against another server address.
 */
export interface RunIdentity {
  agent: string;
  blueprintHash: string;
  /** In run order; `repeats` with `sampleBase` fixes the repeat range. */
  suites: Array<{ name: string; hash: string; repeats: number }>;
  model: {
    model: string;
    /** The role's sampling settings with the blueprint's overrides applied. */
    sampling: Record<string, unknown>;
    /** Hash of the in-process simulated world's settings (its seed and noise), when it is the endpoint. */
    world?: string;
  };
  seed: number;
  sampleBase: number;
  /** 1-based shard index of `count`; absent for an unsharded run. */
  shard?: { index: number; count: number };
  /** The example keys (`suite/id`, sorted) the run is restricted to; absent (not empty) for every example. */
  examples?: string[];
  /**
   * The critic that scores a suite (`scorer: critic`): another critic model or sampling is
   * another measurement, never the same configuration. Absent when no suite is scored by it, so
   * changing the critic leaves such runs (and their ids) as they are.
   */
  critic?: CriticIdentity;
}

export interface CriticIdentity {
  /** The model name the critic role's client sends (its endpoint's `model`, or the layer's default). */
  model: string;
  sampling: Record<string, unknown>;
  /** As for the agent: the in-process simulated world's settings, when that is the critic's endpoint. */
  world?: string;
}

/** Whether a suite's scorer asks the critic (directly, or as one of `all`). */
export function usesCriticScorer(config: ScorerConfig): boolean {
  return config.kind === 'critic' || (config.kind === 'all' && config.scorers.some(usesCriticScorer));
}

/** Bumped when the meaning of a run id's inputs changes, so old runs are never mistaken for new ones. */
const RUN_ID_SCHEME = 'agentdevel-run/1';

export function computeRunId(identity: RunIdentity): string {
  return hashValue({ scheme: RUN_ID_SCHEME, ...identity }).slice(0, 16);
}

/** The identity a manifest was made from (its run id is `computeRunId` of this). */
export function identityOfManifest(manifest: RunManifest): RunIdentity {
  return {
    agent: manifest.agent,
    blueprintHash: manifest.blueprintHash,
    suites: manifest.suites.map(({ name, hash, repeats }) => ({ name, hash, repeats })),
    model: {
      model: manifest.model.model,
      sampling: manifest.model.sampling,
      ...(manifest.model.world === undefined ? {} : { world: manifest.model.world }),
    },
    seed: manifest.seed,
    sampleBase: manifest.sampleBase,
    ...(manifest.shard ? { shard: manifest.shard } : {}),
    ...(manifest.examples ? { examples: manifest.examples } : {}),
    ...(manifest.critic ? { critic: criticOfManifest(manifest.critic) } : {}),
  };
}

function criticOfManifest(critic: NonNullable<RunManifest['critic']>): CriticIdentity {
  return { model: critic.model, sampling: critic.sampling, ...(critic.world === undefined ? {} : { world: critic.world }) };
}

export function withoutShard(identity: RunIdentity): RunIdentity {
  const { shard: _shard, ...rest } = identity;
  return rest;
}
