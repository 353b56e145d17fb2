import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { git, initProject } from './helpers.js';

interface RunJson {
  runId: string;
  dir: string;
}

/** A CI job's fresh checkout of the origin: its own working tree and its own empty store. */
async function job(origin: string): Promise<string> {
  const dir = join(await tempDir('agentdevel-job-'), 'checkout');
  await execa('git', ['clone', '--quiet', `file://${origin}`, dir]);
  return dir;
}

async function cli(cwd: string, args: string[]): Promise<RunJson> {
  const result = await runCli([...args, '--json'], { cwd, timeout: 90_000 });
  if (result.exitCode !== 0) throw new Error(`agentdevel ${args.join(' ')} exited ${result.exitCode}\n${result.stderr}`);
  return JSON.parse(result.stdout) as RunJson;
}

/** Each record reduced to what the run determines (timings and latencies left out), by key. */
async function records(dir: string): Promise<Map<string, unknown>> {
  const text = await readFile(join(dir, 'records.jsonl'), 'utf8');
  const timeless = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(timeless) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => !/^(startedAt|durationMs|latencyMs)$/.test(k)).map(([k, v]) => [k, timeless(v)])) : value;
  return new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { suite: string; exampleId: string; repeat: number })
      .map((r) => [`${r.suite}/${r.exampleId}#${r.repeat}`, timeless(r)]),
  );
}

/**
 * The release workflow's scale-out, with processes for jobs: four `agentdevel run --shard i/4`
 * processes at once, each in its own checkout and store (as matrix jobs are), the version line
 * played from git with --agent-ref; a fifth checkout merges the four run folders (as the job
 * that downloaded their artifacts does). The merge is the run the unsharded command makes.
 */
describe('shards as separate processes, merged', () => {
  it('equal the unsharded run (same run id, same records); a missing or foreign shard is refused', { timeout: 120_000 }, async () => {
    const root = await initProject({ origin: true });
    const origin = (await git(root, 'remote', 'get-url', 'origin')).replace(/^file:\/\//, '');
    const commit = await git(root, 'rev-parse', 'HEAD');
    const common = ['run', '--agent', 'shop-assistant', '--agent-ref', commit, '--sample-base', '4096'];

    const jobs = await Promise.all([1, 2, 3, 4].map(() => job(origin)));
    const shards = await Promise.all(jobs.map((cwd, i) => cli(cwd, [...common, '--shard', `${i + 1}/4`])));
    expect(new Set(shards.map((s) => s.runId)).size).toBe(4);

    const merger = await job(origin);
    const merged = await cli(merger, ['merge', ...shards.map((s) => s.dir)]);
    const whole = await cli(await job(origin), common);
    expect(merged.runId).toBe(whole.runId);
    const [a, b] = [await records(merged.dir), await records(whole.dir)];
    expect(a.size).toBe(24);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [key, record] of a) expect(record, key).toEqual(b.get(key));
    const manifest = (dir: string) => readFile(join(dir, 'manifest.json'), 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>);
    expect({ ...(await manifest(merged.dir)), createdAt: 0, mergedFrom: 0 }).toEqual({ ...(await manifest(whole.dir)), createdAt: 0, mergedFrom: 0 });

    const missing = await runCli(['merge', ...shards.slice(0, 3).map((s) => s.dir)], { cwd: merger });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^ERUN_INCOMPLETE .*missing shard 4\/4/m);

    // A shard of another sample range (another iteration's run) is not part of this run.
    const foreign = await cli(jobs[3]!, ['run', '--agent', 'shop-assistant', '--agent-ref', commit, '--sample-base', '8192', '--shard', '4/4']);
    const mixed = await runCli(['merge', ...shards.slice(0, 3).map((s) => s.dir), foreign.dir], { cwd: merger });
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(/^ERUN_MISMATCH .*sampleBase/m);

    // --agent-ref names something git knows, or the run is refused before it starts.
    const unknown = await runCli(['run', '--agent-ref', 'agentdevel/nothing-here'], { cwd: merger });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^ENOT_FOUND --agent-ref agentdevel\/nothing-here: no such commit, branch or tag/m);
  });
});
