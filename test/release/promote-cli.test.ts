import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { candidate, git, ledgerAt, releaseProject, repoSnapshot } from './fixture.js';

describe('agentdevel promote', () => {
  it('promotes the accepted RC, prints the version, tag and commits, and says so again on a second run', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const first = await runCli(['promote', '--agent', 'weather'], { cwd: root });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    const tip = await git(root, 'rev-parse', 'agentdevel/weather');
    expect(first.stdout).toContain('promoted: weather@v1 (was weather@v0)');
    expect(first.stdout).toContain(`version branch: agentdevel/weather at ${tip}`);
    expect(first.stdout).toContain(`RC commit: ${rc.rcCommit} (agentdevel/weather@rc-1, kept)`);
    expect(first.stdout).toContain(`record commit: ${tip} (releases/weather/ledger.jsonl, releases/weather/v1.md)`);
    expect(first.stdout).toContain('git push origin agentdevel/weather weather@v1');
    expect(first.stdout).toContain('simulated world');
    // The audit report is src/report's Markdown, rendered from the iteration's files.
    const report = await git(root, 'show', 'agentdevel/weather:releases/weather/v1.md');
    expect(report).toContain('Accept: agent weather, iteration 1');
    expect(report).toMatch(/simulated/i);
    expect(await ledgerAt(root, 'agentdevel/weather')).toHaveLength(1);

    const refs = await git(root, 'for-each-ref');
    const second = await runCli(['promote', '--agent', 'weather', '--iteration', '1', '--json'], { cwd: root });
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'already-promoted', version: { number: 1, tag: 'weather@v1', commit: tip }, recordCommit: tip, simulated: true });
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });

  it('refuses a rejected or inconclusive RC (EPROMOTE_DECISION) and an ungated one, writing nothing', async () => {
    const { root, project } = await releaseProject();
    await candidate(project, 1, { decision: 'reject' });
    const before = await repoSnapshot(root);
    const rejected = await runCli(['promote', '--agent', 'weather'], { cwd: root });
    expect(rejected.exitCode).toBe(2);
    expect(rejected.stderr).toContain('EPROMOTE_DECISION iteration 1 of agent "weather" was gated reject, not accept');
    expect(rejected.stderr).toContain('max-p2f-rate');
    expect(await repoSnapshot(root)).toEqual(before);

    await candidate(project, 2, { decision: 'inconclusive' });
    const later = await repoSnapshot(root);
    const inconclusive = await runCli(['promote', '--agent', 'weather', '--iteration', '2', '--json'], { cwd: root });
    expect(inconclusive.exitCode).toBe(2);
    expect(JSON.parse(inconclusive.stdout)).toMatchObject({ error: { code: 'EPROMOTE_DECISION', data: { decision: 'inconclusive', failed: ['error-budget'] } } });

    await rm(join(project.storeDir, 'iterations/weather/2/gate.json'));
    const ungated = await runCli(['promote', '--agent', 'weather', '--iteration', '2'], { cwd: root });
    expect(ungated.exitCode).toBe(2);
    expect(ungated.stderr).toContain('ENOT_FOUND iteration 2 of agent "weather" has no gate.json');
    const bad = await runCli(['promote', '--iteration', 'two'], { cwd: root });
    expect(bad.stderr).toContain('EUSAGE --iteration two: expected an integer >= 1');
    expect(await repoSnapshot(root)).toEqual(later);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const { root, project } = await releaseProject();
    await candidate(project, 1);
    const before = await repoSnapshot(root);
    const iteration = await readFile(join(project.storeDir, 'iterations/weather/1/iteration.json'), 'utf8');
    const result = await runCli(['promote', '--dry-run'], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('dry run: nothing written. It would:');
    expect(result.stdout).toContain('tag it weather@v1 (annotated)');
    expect(await repoSnapshot(root)).toEqual(before);
    expect(await readFile(join(project.storeDir, 'iterations/weather/1/iteration.json'), 'utf8')).toBe(iteration);
  });
});
