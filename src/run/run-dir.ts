import type { RunManifest } from '../core/records.js';
import { exists, storeLayout, writeJsonAtomic } from '../store/index.js';
import { readManifest, runFiles } from './read-records.js';

/**
 * Creates the run's folder with its manifest, or, for a run that exists (a resume), keeps the
 * manifest it has: same id, same identity; only its createdAt and baseURL may differ.
 */
export async function prepareRunDir(storeDir: string, manifest: RunManifest): Promise<string> {
  const files = runFiles(storeDir, manifest.runId);
  if (!(await exists(files.manifest))) await writeJsonAtomic(files.manifest, manifest);
  else await readManifest(files, manifest.runId);
  return storeLayout(storeDir).runDir(manifest.runId);
}
