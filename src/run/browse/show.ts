import { fail } from '../../core/errors.js';
import type { RecordStatus, RunManifest, RunRecord, Split } from '../../core/records.js';
import { readManifest, runFiles, iterateLatestRecords } from '../read-records.js';

/** One example of a run: its repeats' statuses and why the first non-pass went wrong. */
export interface ExampleRow {
  key: string;
  suite: string;
  exampleId: string;
  split: Split;
  tags: string[];
  /** Per repeat, in repeat order. */
  statuses: RecordStatus[];
  pass: number;
  fail: number;
  error: number;
  /** The reason (or scorer feedback) of the first record that did not pass. */
  reason: string | null;
}

export interface ShowFilter {
  status?: 'pass' | 'fail' | 'error' | undefined;
  tag?: string | undefined;
  /** `suite/id`, or a bare id when only one suite holds it. */
  example?: string | undefined;
}

/**
 * A run example by example (one row each, filtered by status — an example with any record of
 * it — and tag); with `example`, that example's every record, traces included.
 */
export async function showRun(storeDir: string, runId: string, filter: ShowFilter = {}): Promise<{ manifest: RunManifest; rows: ExampleRow[]; records: RunRecord[] | null }> {
  const files = runFiles(storeDir, runId);
  const manifest = await readManifest(files, runId);
  const byKey = new Map<string, RunRecord[]>();
  for await (const record of iterateLatestRecords(files.records)) {
    const key = `${record.suite}/${record.exampleId}`;
    const list = byKey.get(key);
    if (list) list.push(record);
    else byKey.set(key, [record]);
  }
  if (filter.example !== undefined) {
    const key = exampleKeyOf(filter.example, [...byKey.keys()], runId);
    return { manifest, rows: [row(key, byKey.get(key)!)], records: [...byKey.get(key)!].sort((a, b) => a.repeat - b.repeat) };
  }
  const rows: ExampleRow[] = [];
  for (const [key, records] of byKey) {
    const r = row(key, records);
    if (filter.status !== undefined && r[filter.status] === 0) continue;
    if (filter.tag !== undefined && !r.tags.includes(filter.tag)) continue;
    rows.push(r);
  }
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { manifest, rows, records: null };
}

function row(key: string, records: RunRecord[]): ExampleRow {
  const sorted = [...records].sort((a, b) => a.repeat - b.repeat);
  const first = sorted[0]!;
  const bad = sorted.find((r) => r.status !== 'pass');
  return {
    key,
    suite: first.suite,
    exampleId: first.exampleId,
    split: first.split,
    tags: [...first.tags],
    statuses: sorted.map((r) => r.status),
    pass: sorted.filter((r) => r.status === 'pass').length,
    fail: sorted.filter((r) => r.status === 'fail').length,
    error: sorted.filter((r) => r.status === 'error').length,
    reason: bad ? bad.reason ?? (bad.feedback || null) : null,
  };
}

function exampleKeyOf(given: string, keys: string[], runId: string): string {
  if (keys.includes(given)) return given;
  const matches = keys.filter((k) => k.slice(k.indexOf('/') + 1) === given);
  if (matches.length === 1) return matches[0]!;
  return fail('ENOT_FOUND', matches.length > 1 ? `--example ${given}: ${matches.length} suites of run ${runId} hold it (${matches.join(', ')})` : `--example ${given}: run ${runId} has no record of it`, {
    details: matches.length > 1 ? 'Name it as `suite/id`.' : 'Examples are named `suite/id` (or a bare id held by one suite); `agentdevel show <run>` lists them.',
  });
}
