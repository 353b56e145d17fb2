import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { git, initProject } from './helpers.js';
import { runWorkflow, type WorkflowRun } from './local-runner.js';
import { writeShims } from './shims.js';

const WORKFLOW = fileURLToPath(new URL('../../.github/workflows/agentdevel-release.yml', import.meta.url));
const AGENT = 'shop-assistant';
const LINE = `agentdevel/${AGENT}`;

interface GhCall {
  args: string[];
  body?: string;
  env: { GH_TOKEN: string };
}

async function ghCalls(log: string): Promise<GhCall[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as GhCall);
}

async function ledger(origin: string): Promise<Array<{ iteration: number; decision: string; tag: string | null; runs: { baseline: string } }>> {
  const text = await git(origin, 'show', `${LINE}:releases/${AGENT}/ledger.jsonl`);
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

function failures(run: WorkflowRun): string {
  return [...run.jobs.values()]
    .flat()
    .flatMap((j) => j.steps.filter((s) => s.outcome === 'failure').map((s) => `${j.job} ${JSON.stringify(j.leg)} / ${s.name} (exit ${s.exitCode}):\n${s.stderr.slice(-2000)}\n${s.stdout.slice(-1000)}`))
    .join('\n\n');
}

/**
 * The release workflow users copy, run job by job on this machine against a bare origin: the
 * project is what `agentdevel init` scaffolds, on the simulated world. Iteration 1 (default
 * gate) is accepted: version v1 on the line, a pull request opened, the next iteration
 * dispatched. Iteration 2, under a policy no candidate can meet, is rejected: recorded too,
 * the pull request updated, and the run ends with the gate's exit code 10.
 */
describe('the release workflow, run locally', () => {
  it('shards, merges, improves, gates, records, publishes; the conclusion follows the gate', { timeout: 240_000 }, async () => {
    const root = await initProject({ origin: true });
    const origin = (await git(root, 'remote', 'get-url', 'origin')).replace(/^file:\/\//, '');
    const start = await git(root, 'rev-parse', 'HEAD');
    const work = await tempDir('agentdevel-actions-');
    const { bin, ghLog } = await writeShims(work);
    const run = (n: number, inputs: Record<string, string | number>) =>
      runWorkflow({ workflowPath: WORKFLOW, origin, ref: 'main', inputs, bin, work: join(work, `run-${n}`), secrets: { AGENTDEVEL_API_KEY: 'sk-never-printed-0123456789' } });

    // Iteration 1: the defaults.
    const first = await run(1, { agent: '', iterations: 2, gate: '' });
    for (const job of ['prepare', 'baseline', 'improve', 'candidate', 'gate', 'publish']) expect(first.result(job), `${job}\n${failures(first)}`).toBe('success');

    const plan = first.jobs.get('prepare')![0]!.outputs;
    expect(plan).toEqual({ agent: AGENT, iteration: '1', 'sample-base': '4096', 'baseline-commit': start, branch: LINE, gate: 'default' });

    // Four shards, each its own process and store, each one run folder uploaded.
    const shardArtifacts = (await readdir(first.artifacts)).filter((a) => a.startsWith('baseline-shard-')).sort();
    expect(shardArtifacts).toEqual(['baseline-shard-1', 'baseline-shard-2', 'baseline-shard-3', 'baseline-shard-4']);
    const shards = await Promise.all(
      shardArtifacts.map(async (a) => {
        const [id] = await readdir(join(first.artifacts, a));
        return JSON.parse(await readFile(join(first.artifacts, a, id!, 'manifest.json'), 'utf8')) as { shard: { index: number; count: number }; exampleCount: number };
      }),
    );
    expect(shards.map((m) => m.shard)).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect(shards.reduce((n, m) => n + m.exampleCount, 0)).toBe(24);

    const improve = first.jobs.get('improve')![0]!.outputs;
    expect(improve).toMatchObject({ candidate: 'true', 'rc-branch': `${LINE}@rc-1`, 'rc-commit': expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(await git(origin, 'rev-parse', `${LINE}@rc-1`)).toBe(improve['rc-commit']);

    // Recorded on the line and pushed: v1 tagged, the ledger line says accept.
    const [entry] = await ledger(origin);
    expect(entry).toMatchObject({ iteration: 1, decision: 'accept', tag: `${AGENT}@v1` });
    expect(await git(origin, 'rev-parse', `${AGENT}@v1^{commit}`)).toBe(await git(origin, 'rev-parse', LINE));
    expect(await git(origin, 'rev-parse', `${LINE}~1`), 'the record commit sits on the RC').toBe(improve['rc-commit']);
    expect(await git(origin, 'rev-parse', 'main'), 'the user branch is untouched').toBe(start);

    const publish = first.jobs.get('publish')![0]!;
    const ci = publish.steps.find((s) => s.name === 'Job summary, annotations and outputs')!;
    expect(ci.outputs).toMatchObject({ decision: 'accept', p2f: '0', version: `${AGENT}@v1`, 'exit-code': '0', iteration: '1', simulated: 'true' });
    expect(Number(ci.outputs.f2p)).toBeGreaterThan(0);
    expect(publish.summary).toMatch(/^## ✅ Accept: agent shop-assistant, iteration 1/);
    expect(publish.summary).toContain('simulated world');

    let calls = await ghCalls(ghLog);
    const created = calls.find((c) => c.args[1] === 'create')!;
    expect(created.args).toEqual(['pr', 'create', '--head', LINE, '--base', 'main', '--title', `agentdevel: ${AGENT}@v1 (iteration 1: accept)`, '--body-file', expect.stringMatching(/pr-body\.md$/)]);
    expect(created.env.GH_TOKEN).toBe('set');
    const committedReport = await git(origin, 'show', `${LINE}:releases/${AGENT}/v1.md`);
    expect(created.body!.split('\n')[0]).toBe(committedReport.split('\n')[0]);
    expect(calls.find((c) => c.args[0] === 'workflow')!.args).toEqual(['workflow', 'run', 'agentdevel-release.yml', '--ref', 'main', '-f', `agent=${AGENT}`, '-f', 'iterations=1', '-f', 'gate=']);

    expect((await readdir(join(first.artifacts, 'agentdevel-report-1'))).sort()).toEqual(['junit.xml', 'report.html']);
    expect(await git(publish.workspace, 'status', '--porcelain'), 'the jobs leave the working tree as they found it').toBe('');

    // The secret reached no log, no output and no file of the store.
    const everything = [...first.jobs.values()].flat().flatMap((j) => j.steps.map((s) => s.stdout + s.stderr + JSON.stringify(s.outputs) + j.summary));
    for (const text of everything) expect(text).not.toContain('sk-never-printed');

    // Iteration 2 under a gate no candidate meets: rejected, recorded, published, exit 10.
    const policy = (await readFile(join(root, 'gates', 'default.yaml'), 'utf8')).replace(/^name: default$/m, 'name: never').replace(/^minF2P: 1$/m, 'minF2P: 1000');
    await writeFile(join(root, 'gates', 'never.yaml'), policy);
    await git(root, 'add', 'gates/never.yaml');
    await git(root, 'commit', '--quiet', '-m', 'a gate no candidate meets');
    await git(root, 'push', '--quiet', 'origin', 'main');
    const second = await run(2, { agent: AGENT, iterations: 1, gate: 'never' });
    for (const job of ['prepare', 'baseline', 'improve', 'candidate', 'gate']) expect(second.result(job), `${job}\n${failures(second)}`).toBe('success');
    expect(second.jobs.get('prepare')![0]!.outputs).toMatchObject({ iteration: '2', 'sample-base': '8192', 'baseline-commit': await git(origin, 'rev-parse', `${AGENT}@v1^{commit}`), gate: 'never' });

    const published = second.jobs.get('publish')![0]!;
    expect(published.result).toBe('failure');
    const last = published.steps[published.steps.length - 1]!;
    expect([last.name, last.outcome, last.exitCode]).toEqual(["The workflow ends with the gate's verdict", 'failure', 10]);
    expect(published.steps.slice(0, -1).filter((s) => s.outcome === 'failure'), failures(second)).toEqual([]);
    expect((await ledger(origin)).map((e) => [e.iteration, e.decision])).toEqual([
      [1, 'accept'],
      [2, 'reject'],
    ]);
    expect(published.summary).toMatch(/^## ❌ Reject: agent shop-assistant, iteration 2, gate policy never/);
    calls = await ghCalls(ghLog);
    const edited = calls.filter((c) => c.args[1] === 'edit');
    expect(edited).toHaveLength(1);
    expect(edited[0]!.args.slice(0, 5)).toEqual(['pr', 'edit', '7', '--title', `agentdevel: ${AGENT}@v1 (iteration 2: reject)`]);
    expect(calls.filter((c) => c.args[0] === 'workflow'), 'one iteration asked: nothing dispatched').toHaveLength(1);
  });
});
