import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../../src/core/records.js';
import { readRunRecords } from '../../src/run/index.js';

export const storeOf = (root: string) => join(root, '.agentdevel');

/** The latest record per key of a run, sorted by key. */
export async function recordsOf(root: string, runId: string): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for await (const record of readRunRecords(storeOf(root), runId)) records.push(record);
  return records.sort((a, b) => key(a).localeCompare(key(b)));
}

export function key(record: Pick<RunRecord, 'suite' | 'exampleId' | 'repeat'>): string {
  return `${record.suite}/${record.exampleId}#${record.repeat}`;
}

/** What a run measured, without timings: equal runs give equal lists. */
export function outcomes(records: RunRecord[]): Array<[string, string, number, unknown]> {
  return records.map((r) => [key(r), r.status, r.sampleIndex, r.output]);
}

/** Lines in the journal, duplicates and superseded records included. */
export async function journalLines(root: string, runId: string): Promise<number> {
  const text = await readFile(join(storeOf(root), 'runs', runId, 'records.jsonl'), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').length;
}
