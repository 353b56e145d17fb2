import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, initProject } from './helpers.js';

const AGENT = 'shop-assistant';

async function iteration(root: string, n: number, files: Record<string, unknown>): Promise<void> {
  const dir = join(root, '.agentdevel', 'iterations', AGENT, String(n));
  await mkdir(dir, { recursive: true });
  for (const [name, value] of Object.entries(files)) await writeFile(join(dir, name), JSON.stringify(value));
}

/**
 * `agentdevel record` for iterations run stage by stage. The accept and reject records are
 * exercised by the release workflow's local run; here, an iteration that ended without a
 * candidate, and the iterations it must refuse.
 */
describe('agentdevel record', () => {
  it('records an iteration without a candidate, with the reason synthesize gave; --dry-run writes nothing', async () => {
    const root = await initProject();
    const head = await git(root, 'rev-parse', 'HEAD');
    await iteration(root, 1, {
      'iteration.json': { agent: AGENT, n: 1, baselineCommit: head, completed: { synthesize: '2026-01-01T00:00:00.000Z' }, outcome: 'no-candidate' },
      'synthesis.json': { agent: AGENT, iteration: 1, status: 'no-target', reason: 'no actionable symptom: every dev example passes', engineer: { model: 'sim-engineer', simulated: true }, attempts: [] },
    });
    const dry = await runCli(['record', '--dry-run'], { cwd: root });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^record: agent shop-assistant, iteration 1: no-candidate \(dry-run\)/);
    expect(await git(root, 'for-each-ref', 'refs/heads/agentdevel', 'refs/tags')).toBe('');

    const done = await runCli(['record', '--json'], { cwd: root });
    expect(done.exitCode, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ decision: 'no-candidate', status: 'recorded', branch: `agentdevel/${AGENT}` });
    const [entry] = (await git(root, 'show', `agentdevel/${AGENT}:releases/${AGENT}/ledger.jsonl`)).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entry).toMatchObject({ iteration: 1, decision: 'no-candidate', reason: 'no actionable symptom: every dev example passes', version: null });
    expect(await git(root, 'rev-parse', 'HEAD'), "the user's branch is untouched").toBe(head);
    const again = await runCli(['record'], { cwd: root });
    expect(again.stdout).toMatch(/no-candidate \(already-recorded\)/);
  });

  it('refuses a candidate that was never gated, and an iteration that is not finished', async () => {
    const root = await initProject();
    const head = await git(root, 'rev-parse', 'HEAD');
    await iteration(root, 1, { 'iteration.json': { agent: AGENT, n: 1, baselineCommit: head, rcBranch: `agentdevel/${AGENT}@rc-1`, rcCommit: head, completed: {} } });
    const ungated = await runCli(['record', '--iteration', '1'], { cwd: root });
    expect(ungated.exitCode).toBe(2);
    expect(ungated.stderr).toMatch(/^ENOT_FOUND iteration 1 of agent "shop-assistant" has a release candidate \([0-9a-f]{12}\) but no gate\.json: it was not gated/m);
    await iteration(root, 2, { 'iteration.json': { agent: AGENT, n: 2, completed: { critique: '2026-01-01T00:00:00.000Z' } } });
    const unfinished = await runCli(['record'], { cwd: root });
    expect(unfinished.exitCode).toBe(2);
    expect(unfinished.stderr).toMatch(/^ENOT_FOUND iteration 2 of agent "shop-assistant" has neither a gate result nor a synthesize that ended without a candidate/m);
    expect(await git(root, 'for-each-ref', 'refs/heads/agentdevel')).toBe('');
  });
});
