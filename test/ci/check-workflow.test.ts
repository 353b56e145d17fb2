import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { FakeGitHub } from './fake-github.js';
import { git, initProject } from './helpers.js';
import { runWorkflow, type WorkflowRun } from './local-runner.js';
import { writeShims } from './shims.js';

const WORKFLOW = fileURLToPath(new URL('../../.github/workflows/agentdevel-check.yml', import.meta.url));
const PROMPT = 'agents/shop-assistant/prompts/system.md';
const HOURS = 'The workshop is open Tuesday to Saturday, 9:00 to 18:00, and closed on Sundays and Mondays.\n';
const PRICES = 'Prices, parts included: basic service 49 €, e-bike service 69 €, puncture repair 15 €, inner tube 8 €, wheel truing 25 €, brake pads 35 €, new chain 30 €.\n';
const MARKER = '<!-- agentdevel-check: shop-assistant -->';

function failures(run: WorkflowRun): string {
  return [...run.jobs.values()]
    .flat()
    .flatMap((j) => j.steps.filter((s) => s.outcome === 'failure').map((s) => `${j.job} ${JSON.stringify(j.leg)} / ${s.name} (exit ${s.exitCode}):\n${s.stderr.slice(-2000)}\n${s.stdout.slice(-1000)}`))
    .join('\n\n');
}

const github = new FakeGitHub();
afterAll(() => github.stop());

/**
 * The pull-request workflow users copy, run job by job on this machine against a bare origin and
 * a local fake of GitHub's REST API: a pull request that adds the price list is accepted (one
 * comment created); a second push that also drops the opening hours breaks a must-pass example
 * and is rejected: the same comment is edited, and the job fails with the gate's exit code.
 */
describe('the pull-request check workflow, run locally', () => {
  it('shards, merges, checks, comments once per pull request, and fails the job on reject', { timeout: 300_000 }, async () => {
    const api = await github.start();
    const root = await initProject({ origin: true });
    const origin = (await git(root, 'remote', 'get-url', 'origin')).replace(/^file:\/\//, '');
    await git(root, 'checkout', '--quiet', '-b', 'prices');
    const prompt = await readFile(join(root, PROMPT), 'utf8');
    await writeFile(join(root, PROMPT), `${prompt}${PRICES}`);
    await git(root, 'commit', '--quiet', '-am', 'the price list');
    await git(root, 'push', '--quiet', 'origin', 'prices');
    github.add('looks good to me');

    const work = await tempDir('agentdevel-actions-');
    const { bin } = await writeShims(work);
    const event = join(work, 'event.json');
    await writeFile(event, JSON.stringify({ number: 7, pull_request: { number: 7 } }));
    const run = (n: number) =>
      runWorkflow({
        workflowPath: WORKFLOW,
        origin,
        ref: 'prices',
        inputs: {},
        bin,
        work: join(work, `run-${n}`),
        event: { name: 'pull_request', payload: { number: 7, pull_request: { number: 7 } } },
        env: { GITHUB_API_URL: api, GITHUB_REPOSITORY: 'octo/project', GITHUB_EVENT_PATH: event },
        secrets: { AGENTDEVEL_API_KEY: 'sk-never-printed-0123456789' },
      });

    const first = await run(1);
    for (const job of ['plan', 'shards', 'gate']) expect(first.result(job), `${job}\n${failures(first)}`).toBe('success');
    expect(first.jobs.get('plan')![0]!.outputs).toMatchObject({ agent: 'shop-assistant', base: await git(root, 'rev-parse', 'main'), same: 'false' });
    expect(first.jobs.get('shards')).toHaveLength(4);
    const gate = first.jobs.get('gate')![0]!;
    expect(gate.summary).toMatch(/^## ✅ Accept: agent shop-assistant, check of working tree/);
    expect(gate.commands.some((c) => c.startsWith(`::notice file=${PROMPT},title=agentdevel check%3A accept::`))).toBe(true);
    const ours = () => github.comments.filter((c) => c.body.startsWith(MARKER));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('## ✅ Accept');

    // Another push to the pull request: it also drops the opening hours.
    await writeFile(join(root, PROMPT), `${prompt.replace(HOURS, '')}${PRICES}`);
    await git(root, 'commit', '--quiet', '-am', 'shorter prompt');
    await git(root, 'push', '--quiet', 'origin', 'prices');
    const second = await run(2);
    expect(second.result('shards'), failures(second)).toBe('success');
    expect(second.result('gate')).toBe('failure');
    const steps = second.jobs.get('gate')![0]!.steps;
    expect(steps.at(-1)).toMatchObject({ name: "The job ends with the gate's verdict", outcome: 'failure', exitCode: 10 });
    expect(steps.filter((s) => s.outcome === 'failure')).toHaveLength(1);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('## ❌ Reject');
    // The evidence of the regression: the opening-hours examples the shorter prompt broke.
    expect(ours()[0]!.body).toMatch(/<details><summary>P→F shop-faq\/hours-[a-z]+: baseline \d\/\d, RC 0\/\d<\/summary>\n\n\*\*Task\*\*/);
    expect(github.comments).toHaveLength(2);
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    const everything = [...first.jobs.values(), ...second.jobs.values()].flat().flatMap((j) => j.steps.map((s) => s.stdout + s.stderr)).join('\n');
    expect(everything).not.toContain('sk-never-printed-0123456789');
  });
});
