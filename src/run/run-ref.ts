import { basename, join, resolve } from 'node:path';
import { exists } from '../store/index.js';
import { runFiles, type RunFiles } from './read-records.js';

export interface RunRef {
  /** How the user named it (an id, or a folder). */
  label: string;
  files: RunFiles;
}

/**
 * A run named by its id (in the store) or by its folder (a shard downloaded from another CI job):
 * a folder holding a manifest.json wins over an id of the same spelling.
 */
export async function resolveRunRef(storeDir: string, ref: string, cwd = process.cwd()): Promise<RunRef> {
  const dir = resolve(cwd, ref);
  if (await exists(join(dir, 'manifest.json'))) {
    return { label: basename(dir), files: { manifest: join(dir, 'manifest.json'), records: join(dir, 'records.jsonl') } };
  }
  return { label: ref, files: runFiles(storeDir, ref) };
}
