import { fail } from '../core/errors.js';
import type { RunManifest, RunRecord } from '../core/records.js';
import { storeLayout, writeJsonAtomic } from '../store/index.js';
import { computeRunId, identityOfManifest, withoutShard } from './identity.js';
import { recordKey } from './keys.js';
import { compareCodePoints } from './manifest.js';
import { checkShardManifests, type ShardInput } from './merge-check.js';
import { iterateLatestRecords, readManifest, runFiles } from './read-records.js';
import { resolveRunRef, type RunRef } from './run-ref.js';
import { summariseRun } from './summarise.js';
import type { RunSummary } from './summary.js';
import { writeJsonlAtomic } from './jsonl-writer.js';

export interface MergeResult {
  runId: string;
  dir: string;
  manifest: RunManifest;
  summary: RunSummary;
}

/**
 * Combines the shards of a run into the run the unsharded command would have made (same run
 * id, same records), in `storeDir`. Refuses shards of different runs (ERUN_MISMATCH naming
 * the field), overlapping shards, and missing shards or records (ERUN_INCOMPLETE naming them).
 */
export async function mergeRuns(storeDir: string, refs: string[], options: { cwd?: string } = {}): Promise<MergeResult> {
  const runs: Array<RunRef & ShardInput> = [];
  for (const text of refs) {
    const ref = await resolveRunRef(storeDir, text, options.cwd);
    runs.push({ ...ref, manifest: await readManifest(ref.files, ref.label) });
  }
  checkShardManifests(runs);
  checkDisjointExamples(runs);
  for (const run of runs) await checkShardRecords(run);

  const manifest = mergedManifest(runs);
  const files = runFiles(storeDir, manifest.runId);
  // Records first, manifest last: a merged folder with a manifest always has all its records.
  await writeJsonlAtomic(files.records, relabelled(runs, manifest.runId));
  await writeJsonAtomic(files.manifest, manifest);
  const summary = await summariseRun(manifest, files.records, { roles: {}, ran: null });
  return { runId: manifest.runId, dir: storeLayout(storeDir).runDir(manifest.runId), manifest, summary };
}

function checkDisjointExamples(runs: Array<RunRef & ShardInput>): void {
  const owner = new Map<string, string>();
  for (const run of runs) {
    for (const key of run.manifest.exampleKeys) {
      const other = owner.get(key);
      if (other !== undefined) {
        fail('ERUN_MISMATCH', `shards overlap: example ${key} is in both run ${other} and run ${run.label}`, { data: { field: 'exampleKeys', example: key } });
      }
      owner.set(key, run.label);
    }
  }
}

/** Every record of the shard is one of its examples and repeats, and none is missing. */
async function checkShardRecords(run: RunRef & ShardInput): Promise<void> {
  const repeats = new Map(run.manifest.suites.map((s) => [s.name, s.repeats]));
  const expected = new Set<string>();
  for (const key of run.manifest.exampleKeys) {
    const slash = key.indexOf('/');
    const suite = key.slice(0, slash);
    for (let repeat = 0; repeat < (repeats.get(suite) ?? 0); repeat++) expected.add(recordKey({ suite, exampleId: key.slice(slash + 1), repeat }));
  }
  const present = new Set<string>();
  for await (const record of iterateLatestRecords(run.files.records)) {
    const key = recordKey(record);
    if (!expected.has(key)) {
      fail('ERUN_MISMATCH', `run ${run.label} holds record ${key}, which is not one of its examples and repeats`, {
        details: 'The records file does not belong to this manifest; rerun the shard.',
        data: { field: 'records', record: key },
      });
    }
    present.add(key);
  }
  const missing = [...expected].filter((key) => !present.has(key));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    fail('ERUN_INCOMPLETE', `run ${run.label} (shard ${run.manifest.shard?.index}/${run.manifest.shard?.count}) is missing ${missing.length} of ${expected.size} records: ${shown}${missing.length > 5 ? ', ...' : ''}`, {
      details: `Rerun that shard's command (agentdevel run ... --shard ${run.manifest.shard?.index}/${run.manifest.shard?.count}) to finish it, then merge again.`,
      data: { run: run.label, missing: missing.length, examples: missing.slice(0, 50) },
    });
  }
}

function mergedManifest(runs: Array<RunRef & ShardInput>): RunManifest {
  const [first] = runs as [RunRef & ShardInput];
  const identity = withoutShard(identityOfManifest(first.manifest));
  const keysBySuite = new Map<string, string[]>(first.manifest.suites.map((s) => [s.name, []]));
  for (const run of runs) for (const key of run.manifest.exampleKeys) keysBySuite.get(key.slice(0, key.indexOf('/')))?.push(key);
  for (const keys of keysBySuite.values()) keys.sort(compareCodePoints);
  const { shard: _shard, ...base } = first.manifest;
  const suites = first.manifest.suites.map((s) => ({ ...s, examples: keysBySuite.get(s.name)?.length ?? 0 }));
  const exampleKeys = [...keysBySuite.values()].flat();
  return {
    ...base,
    runId: computeRunId(identity),
    suites,
    exampleCount: exampleKeys.length,
    exampleKeys,
    recordCount: suites.reduce((sum, s) => sum + s.examples * s.repeats, 0),
    mergedFrom: runs.map((run) => run.manifest.runId),
    createdAt: new Date().toISOString(),
  };
}

async function* relabelled(runs: Array<RunRef & ShardInput>, runId: string): AsyncGenerator<RunRecord> {
  for (const run of runs) for await (const record of iterateLatestRecords(run.files.records)) yield { ...record, runId };
}
