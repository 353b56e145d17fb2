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
  };
}

export function withoutShard(identity: RunIdentity): RunIdentity {
  const { shard: _shard, ...rest } = identity;
  return rest;
}
