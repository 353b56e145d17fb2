import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RunManifest, RunRecord } from '../../src/core/records.js';
import { recordKey } from '../../src/run/keys.js';
import { iterateLatestRecords } from '../../src/run/read-records.js';
import { scanRecordKey } from '../../src/run/record-key-scan.js';
import { checkShardManifests } from '../../src/run/merge-check.js';
import { SummaryBuilder } from '../../src/run/summary.js';
import { renderSummary } from '../../src/run/summary-text.js';
import { tempDir } from '../helpers/tmp.js';

function record(exampleId: string, repeat: number, status: RunRecord['status'], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'r',
    suite: 's',
    exampleId,
    repeat,
    sampleIndex: repeat,
    split: 'dev',
    tags: [],
    status,
    output: { answer: exampleId },
    score: status === 'pass' ? 1 : 0,
    feedback: '',
    trace: [],
    usage: { calls: 1, cacheHits: 0, retries: 0, promptTokens: 10, completionTokens: 2 },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    ...extra,
  };
}

function manifest(extra: Partial<RunManifest> = {}): RunManifest {
  return {
    runId: 'r',
    agent: 'a',
    blueprintHash: 'b',
    suites: [{ name: 's', hash: 'h', examples: 2, repeats: 1 }],
    model: { role: 'agent', model: 'm', baseURL: 'sim', sampling: {}, simulated: true },
    seed: 0,
    sampleBase: 0,
    exampleCount: 2,
    exampleKeys: ['s/a', 's/b'],
    recordCount: 2,
    createdAt: '',
    agentdevelVersion: '0',
    ...extra,
  };
}

describe('reading run records', () => {
  it('keeps the last record per (suite, example, repeat) and skips a torn tail', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    const lines = [record('a', 0, 'error'), record('b', 0, 'pass'), record('a', 1, 'fail'), record('a', 0, 'pass')];
    await writeFile(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await appendFile(path, '{"runId":"r","suite":"s","exampl');
    const read: RunRecord[] = [];
    for await (const r of iterateLatestRecords(path)) read.push(r);
    expect(read.map((r) => [r.exampleId, r.repeat, r.status])).toEqual([
      ['b', 0, 'pass'],
      ['a', 1, 'fail'],
      ['a', 0, 'pass'],
    ]);
  });

  it('parses each record once (the first pass reads keys off the lines), and a torn retry at the end hides nothing', async () => {
    const path = join(await tempDir(), 'records.jsonl');
    const lines = [record('a', 0, 'error'), record('b', 0, 'pass'), record('a', 1, 'fail'), record('a', 0, 'pass'), record('c', 0, 'pass')];
    await writeFile(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n\n');
    const parse = vi.spyOn(JSON, 'parse');
    const read: RunRecord[] = [];
    try {
      for await (const r of iterateLatestRecords(path)) read.push(r);
      expect(parse).toHaveBeenCalledTimes(lines.length);
    } finally {
      parse.mockRestore();
    }
    expect(read.map((r) => `${r.exampleId}#${r.repeat} ${r.status}`)).toEqual(['b#0 pass', 'a#1 fail', 'a#0 pass', 'c#0 pass']);

    // A retry of b#0 cut mid-append: its key is whole, the record is not; b#0 stays the pass.
    await appendFile(path, JSON.stringify(record('b', 0, 'fail')).slice(0, 120));
    const again: RunRecord[] = [];
    for await (const r of iterateLatestRecords(path)) again.push(r);
    expect(again.map((r) => `${r.exampleId}#${r.repeat} ${r.status}`)).toEqual(['b#0 pass', 'a#1 fail', 'a#0 pass', 'c#0 pass']);
  });

  it('reads the key off a line as JSON.parse would, whatever the field order, nesting and escapes', () => {
    const lines = [
      JSON.stringify(record('a', 3, 'pass')),
      JSON.stringify({ output: { suite: 'decoy', exampleId: 'x', repeat: 9, list: [{ '}': ']' }, '"{'] }, repeat: 2, exampleId: 'b', suite: 's' }),
      JSON.stringify({ suite: 'q"uote\\s', exampleId: 'caf\u00e9 \n', repeat: 0 }),
      '{ "suite" : "s" , "trace": [1, 2.5e3, true, null], "exampleId":"\\u0041", "repeat" : 12 }',
    ];
    for (const line of lines) expect(scanRecordKey(line)).toBe(recordKey(JSON.parse(line) as RunRecord));
    for (const odd of ['[1]', '{"suite":"s","exampleId":"a"}', '{"suite":"s","exampleId":"a","repeat":1.5}', '{"suite":1,"exampleId":"a","repeat":0}', '{"suite":"s","exam']) {
      expect(scanRecordKey(odd)).toBeUndefined();
    }
  });

  it('yields nothing for a run without records yet', async () => {
    const read: RunRecord[] = [];
    for await (const r of iterateLatestRecords(join(await tempDir(), 'none.jsonl'))) read.push(r);
    expect(read).toEqual([]);
  });
});

describe('shard manifest checks', () => {
  const shard = (index: number, extra: Partial<RunManifest> = {}) => ({ label: `r${index}`, manifest: manifest({ shard: { index, count: 3 }, ...extra }) });

  it('accept a complete set of shards', () => {
    expect(() => checkShardManifests([shard(1), shard(2), shard(3)])).not.toThrow();
  });

  it('name the field that differs', () => {
    expect(() => checkShardManifests([shard(1), shard(2, { blueprintHash: 'other' }), shard(3)])).toThrow(
      expect.objectContaining({ code: 'ERUN_MISMATCH', message: expect.stringMatching(/differ in blueprintHash.*r1.*"b".*r2.*"other"/) }),
    );
    expect(() => checkShardManifests([shard(1), shard(2, { seed: 4 }), shard(3)])).toThrow(expect.objectContaining({ code: 'ERUN_MISMATCH', message: expect.stringContaining('seed') }));
    expect(() => checkShardManifests([shard(1), { label: 'x', manifest: manifest({ shard: { index: 2, count: 4 } }) }])).toThrow(
      expect.objectContaining({ message: expect.stringContaining('shard.count') }),
    );
  });

  it('refuse an overlap, a missing shard and an unsharded run', () => {
    expect(() => checkShardManifests([shard(1), shard(2), shard(2)])).toThrow(expect.objectContaining({ code: 'ERUN_MISMATCH', message: expect.stringContaining('overlap') }));
    expect(() => checkShardManifests([shard(1), shard(3)])).toThrow(expect.objectContaining({ code: 'ERUN_INCOMPLETE', message: expect.stringContaining('2/3') }));
    expect(() => checkShardManifests([shard(1), { label: 'whole', manifest: manifest() }])).toThrow(expect.objectContaining({ code: 'ERUN_MISMATCH', message: expect.stringContaining('not a shard') }));
  });
});

describe('summary', () => {
  it('counts per suite and split, excludes errors from the pass rate and says when the world is simulated', () => {
    const builder = new SummaryBuilder(manifest({ recordCount: 5 }));
    builder.add(record('a', 0, 'pass'));
    builder.add(record('b', 0, 'fail'));
    builder.add(record('c', 0, 'error', { errorCode: 'EMODEL_UNREACHABLE' }));
    builder.add(record('d', 0, 'pass', { split: 'holdout' }));
    const summary = builder.build({ roles: {}, ran: 4 });
    expect(summary.groups).toEqual([
      { suite: 's', split: 'dev', records: 3, pass: 1, fail: 1, error: 1, passRate: 0.5 },
      { suite: 's', split: 'holdout', records: 1, pass: 1, fail: 0, error: 0, passRate: 1 },
    ]);
    expect(summary.total).toEqual({ records: 4, pass: 2, fail: 1, error: 1, passRate: 2 / 3 });
    expect(summary.complete).toBe(false);
    expect(summary.recordUsage.promptTokens).toBe(40);
    const text = renderSummary(summary);
    expect(text).toContain('simulated world');
    expect(text).toMatch(/s\s+dev\s+3\s+1\s+1\s+1\s+50\.0%/);
    expect(text).toContain('incomplete: 4 of 5 records');
  });
});
