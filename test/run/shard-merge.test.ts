import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { executeRun, mergeRuns, type RunOptions } from '../../src/run/index.js';
import { runCli } from '../helpers/cli.js';
import { copyProject, qaProject } from './fixture.js';
import { outcomes, recordsOf, storeOf } from './helpers.js';

async function run(root: string, options: Partial<RunOptions> = {}) {
  return executeRun({ project: await loadProject({ cwd: root }), agent: 'qa', suites: ['qa'], repeats: 2, ...options });
}

async function fourShards(root: string, options: Partial<RunOptions> = {}) {
  const ids: string[] = [];
  for (let index = 1; index <= 4; index++) ids.push((await run(root, { shard: { index, count: 4 }, ...options })).runId);
  return ids;
}

describe('shards and merge', () => {
  it('4 shards merged are the unsharded run: same run id, same records; the CLI merges run folders', async () => {
    const root = await qaProject({ examples: 30 });
    const shards = await fourShards(root);
    expect(new Set(shards).size).toBe(4);
    const sizes = await Promise.all(shards.map(async (id) => (await recordsOf(root, id)).length));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
    for (const size of sizes) expect(size).toBeGreaterThan(0);

    const whole = await copyProject(root);
    const unsharded = await run(whole);
    const merged = await mergeRuns(storeOf(root), shards);
    expect(merged.runId).toBe(unsharded.runId);
    expect(outcomes(await recordsOf(root, merged.runId))).toEqual(outcomes(await recordsOf(whole, unsharded.runId)));
    const unshardedManifest = JSON.parse(await readFile(join(unsharded.dir, 'manifest.json'), 'utf8'));
    const mergedManifest = JSON.parse(await readFile(join(merged.dir, 'manifest.json'), 'utf8'));
    expect({ ...mergedManifest, createdAt: 0, mergedFrom: 0 }).toEqual({ ...unshardedManifest, createdAt: 0, mergedFrom: 0 });
    expect(merged.summary.total).toEqual(unsharded.summary.total);

    // From another project (a CI job that downloaded the shards as folders), by path.
    const ci = await qaProject({ examples: 1 });
    const cli = await runCli(['--json', 'merge', ...shards.map((id) => join(storeOf(root), 'runs', id))], { cwd: ci });
    expect(cli.exitCode, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as { runId: string }).runId).toBe(unsharded.runId);
    expect(outcomes(await recordsOf(ci, unsharded.runId))).toEqual(outcomes(await recordsOf(whole, unsharded.runId)));
  });

  it('refuses a mismatched manifest, an overlap, a missing shard and a shard with missing records', async () => {
    const root = await qaProject({ examples: 12 });
    const shards = await fourShards(root);
    const otherSeed = (await run(root, { shard: { index: 4, count: 4 }, seed: 9 })).runId;
    const store = storeOf(root);
    await expect(mergeRuns(store, [...shards.slice(0, 3), otherSeed])).rejects.toMatchObject({ code: 'ERUN_MISMATCH', message: expect.stringContaining('differ in seed') });
    await expect(mergeRuns(store, [...shards, shards[1]!])).rejects.toMatchObject({ code: 'ERUN_MISMATCH', message: expect.stringContaining('overlap') });
    await expect(mergeRuns(store, shards.slice(0, 3))).rejects.toMatchObject({ code: 'ERUN_INCOMPLETE', message: expect.stringContaining('missing shard 4/4') });
    await expect(mergeRuns(store, ['0123456789abcdef', ...shards])).rejects.toMatchObject({ code: 'ENOT_FOUND' });

    const records = join(store, 'runs', shards[2]!, 'records.jsonl');
    const lines = (await readFile(records, 'utf8')).trimEnd().split('\n');
    const dropped = JSON.parse(lines[0]!) as { exampleId: string; repeat: number };
    await writeFile(records, `${lines.slice(1).join('\n')}\n`);
    await expect(mergeRuns(store, shards)).rejects.toMatchObject({
      code: 'ERUN_INCOMPLETE',
      message: expect.stringContaining(`qa/${dropped.exampleId}#${dropped.repeat}`),
    });
    const cli = await runCli(['merge', ...shards], { cwd: root });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toMatch(/^ERUN_INCOMPLETE run [0-9a-f]{16} \(shard 3\/4\) is missing 1 of \d+ records/m);
  });
});
