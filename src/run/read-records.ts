import { readFile } from 'node:fs/promises';
import { fail } from '../core/errors.js';
import type { RunManifest, RunRecord } from '../core/records.js';
import { exists, iterateJsonl, storeLayout } from '../store/index.js';
import { recordKey } from './keys.js';

/** Where a run's files are: by id in a store, or a run folder given as a path (shards from CI artifacts). */
export interface RunFiles {
  manifest: string;
  records: string;
}

export function runFiles(storeDir: string, runId: string): RunFiles {
  const layout = storeLayout(storeDir);
  return { manifest: layout.runManifest(runId), records: layout.runRecords(runId) };
}

export async function readManifest(files: RunFiles, label: string): Promise<RunManifest> {
  if (!(await exists(files.manifest))) {
    return fail('ENOT_FOUND', `run ${label}: no manifest at ${files.manifest}`, {
      details: 'Check the run id (printed by `agentdevel run`) or the run folder, and the store (--config selects the project).',
    });
  }
  try {
    return JSON.parse(await readFile(files.manifest, 'utf8')) as RunManifest;
  } catch (error) {
    return fail('ESTORE', `${files.manifest}: not valid JSON (${(error as Error).message})`, {
      details: 'Manifests are written atomically; a broken one was edited by hand. Delete the run folder to redo the run.',
      cause: error,
    });
  }
}

/**
 * Streams a records file keeping, per (suite, example, repeat), only the last record (a retry
 * supersedes the error it retried), in the order of those last records. Two passes over the
 * file, so memory holds one number per key, never the records.
 */
export async function* iterateLatestRecords(path: string): AsyncGenerator<RunRecord> {
  if (!(await exists(path))) return;
  const lastLine = new Map<string, number>();
  let line = 0;
  for await (const record of iterateJsonl<RunRecord>(path)) lastLine.set(recordKey(record), line++);
  line = 0;
  for await (const record of iterateJsonl<RunRecord>(path)) {
    if (lastLine.get(recordKey(record)) === line++) yield record;
  }
}

/** The records of a run in a store, deduplicated (see iterateLatestRecords). */
export function readRunRecords(storeDir: string, runId: string): AsyncGenerator<RunRecord> {
  return iterateLatestRecords(runFiles(storeDir, runId).records);
}

export async function readRunManifest(storeDir: string, runId: string): Promise<RunManifest> {
  return readManifest(runFiles(storeDir, runId), runId);
}
