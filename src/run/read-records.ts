import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fail } from '../core/errors.js';
import type { RunManifest, RunRecord } from '../core/records.js';
import { exists, iterateJsonl, storeLayout } from '../store/index.js';
import { recordKey } from './keys.js';
import { scanRecordKey } from './record-key-scan.js';

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
 * file, so memory holds one number per key, never the records; only the second parses a
 * record, the first reads each key off its line (record-key-scan.ts).
 */
export async function* iterateLatestRecords(path: string): AsyncGenerator<RunRecord> {
  if (!(await exists(path))) return;
  const lastLine = await lastLineOfEachKey(path);
  let line = 0;
  for await (const record of iterateJsonl<RunRecord>(path)) {
    if (lastLine.get(recordKey(record)) === line++) yield record;
  }
}

/** Numbers the lines as iterateJsonl yields them: blank lines skipped, and a torn last line (a writer killed mid-append) too. */
async function lastLineOfEachKey(path: string): Promise<Map<string, number>> {
  const lastLine = new Map<string, number>();
  let index = 0;
  const count = (key: string | undefined, text: string) => {
    // A line whose key cannot be read is corrupt; the second pass stops there with ESTORE.
    lastLine.set(key ?? parsedKey(text) ?? `\u0000line ${index}`, index);
    index += 1;
  };
  let pending: string | undefined;
  for await (const text of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    if (pending !== undefined) count(scanRecordKey(pending), pending);
    pending = text;
  }
  if (pending !== undefined) {
    const key = scanRecordKey(pending);
    // Torn or not, a last line with a key of its own hides nothing; one that would replace an
    // earlier record must be whole (parsed), since the second pass skips a torn one.
    if (key === undefined || !lastLine.has(key) || parsedKey(pending) === key) count(key, pending);
  }
  return lastLine;
}

function parsedKey(text: string): string | undefined {
  try {
    return recordKey(JSON.parse(text) as RunRecord);
  } catch {
    return undefined;
  }
}

/** The records of a run in a store, deduplicated (see iterateLatestRecords). */
export function readRunRecords(storeDir: string, runId: string): AsyncGenerator<RunRecord> {
  return iterateLatestRecords(runFiles(storeDir, runId).records);
}

export async function readRunManifest(storeDir: string, runId: string): Promise<RunManifest> {
  return readManifest(runFiles(storeDir, runId), runId);
}
