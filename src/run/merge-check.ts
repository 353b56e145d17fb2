import { fail } from '../core/errors.js';
import { stableStringify } from '../core/hash.js';
import type { RunManifest } from '../core/records.js';
import { identityOfManifest } from './identity.js';

export interface ShardInput {
  label: string;
  manifest: RunManifest;
}

/** The fields every shard of one run shares, in the order a mismatch is reported. */
function sharedFields(manifest: RunManifest): Array<[string, unknown]> {
  const identity = identityOfManifest(manifest);
  return [
    ['agent', identity.agent],
    ['blueprintHash', identity.blueprintHash],
    ['suites', identity.suites],
    ['model.model', identity.model.model],
    ['model.sampling', identity.model.sampling],
    ['model.world', identity.model.world ?? null],
    ['model.simulated', manifest.model.simulated],
    ['seed', identity.seed],
    ['sampleBase', identity.sampleBase],
    ['examples', identity.examples ?? null],
    ['critic', identity.critic ?? null],
    ['shard.count', manifest.shard?.count ?? null],
  ];
}

/**
 * Refuses shards that are not the parts of one run: an unsharded run, a differing field
 * (named), the same shard twice, or a shard missing. Pure: manifests in, nothing out.
 */
export function checkShardManifests(shards: ShardInput[]): void {
  const [first] = shards;
  if (!first) return fail('EUSAGE', 'merge needs the run ids or run folders of the shards to merge');
  for (const shard of shards) {
    if (!shard.manifest.shard) fail('ERUN_MISMATCH', `run ${shard.label} is not a shard (it was run without --shard); only shards can be merged`);
  }
  const expected = sharedFields(first.manifest);
  for (const shard of shards.slice(1)) {
    const fields = sharedFields(shard.manifest);
    for (const [index, [field, value]] of expected.entries()) {
      const other = fields[index]?.[1];
      if (stableStringify(value) !== stableStringify(other)) {
        fail('ERUN_MISMATCH', `shards differ in ${field}: run ${first.label} has ${show(value)}, run ${shard.label} has ${show(other)}`, {
          data: { field, runs: [first.label, shard.label] },
        });
      }
    }
  }
  const byIndex = new Map<number, string>();
  for (const shard of shards) {
    const index = shard.manifest.shard?.index ?? 0;
    const seen = byIndex.get(index);
    if (seen !== undefined) {
      fail('ERUN_MISMATCH', `shards overlap: runs ${seen} and ${shard.label} are both shard ${index}/${shard.manifest.shard?.count}`, {
        details: 'Give each shard once; the two runs cover the same examples.',
        data: { field: 'shard.index', runs: [seen, shard.label] },
      });
    }
    byIndex.set(index, shard.label);
  }
  const count = first.manifest.shard?.count ?? 0;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    fail('ERUN_INCOMPLETE', `missing shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} of run ${first.label}'s ${count}`, {
      data: { missingShards: missing },
    });
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
