import { access } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { releaseLockPath } from '../../src/release/index.js';
import { readIteration } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { candidate, git, ledgerAt, releaseProject, repoSnapshot } from './fixture.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function tags(root: string): Promise<string> {
  return git(root, 'tag', '--list', 'weather@v*');
}

/**
 * `agentdevel promote` killed with SIGKILL at each point of a promotion (AGENTDEVEL_KILL_AT),
 * then run again: the line holds the old version or the new one, never half, and the rerun
 * completes the promotion exactly once.
 */
describe('a promotion killed part way, then rerun', () => {
  it('killed after the RC commit, before the branch moves: the old version stands; the rerun promotes once, taking over the stale lock', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const killed = await runCli(['promote'], { cwd: root, env: { AGENTDEVEL_KILL_AT: 'before-branch-move' } });
    expect(killed.exitCode).not.toBe(0);
    expect(await git(root, 'rev-parse', 'agentdevel/weather')).toBe(rc.base);
    expect(await tags(root)).toBe('weather@v0');
    expect(await exists(releaseLockPath(project.storeDir, 'weather'))).toBe(true);

    const rerun = await runCli(['promote'], { cwd: root });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stdout).toContain('promoted: weather@v1 (was weather@v0)');
    await promotedOnce(root, project, rc.rcCommit);
  });

  it('killed after the branch moved, before the tag: the new version stands untagged; a dry run says what is missing; the rerun makes the tag only', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const killed = await runCli(['promote'], { cwd: root, env: { AGENTDEVEL_KILL_AT: 'after-branch-move' } });
    expect(killed.exitCode).not.toBe(0);
    const tip = await git(root, 'rev-parse', 'agentdevel/weather');
    expect(await git(root, 'rev-parse', `${tip}^`)).toBe(rc.rcCommit);
    expect(await tags(root)).toBe('weather@v0');

    const before = await repoSnapshot(root);
    const dry = await runCli(['promote', '--dry-run'], { cwd: root });
    expect(dry.stdout).toContain(`make the missing tag weather@v1 on ${tip.slice(0, 12)}`);
    expect(await repoSnapshot(root)).toEqual(before);

    const rerun = await runCli(['promote'], { cwd: root });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stdout).toContain('completed an interrupted promotion: weather@v1 (was weather@v0)');
    expect(await git(root, 'rev-parse', 'agentdevel/weather')).toBe(tip);
    await promotedOnce(root, project, rc.rcCommit);
  });

  it('killed after the tag, before the store heard of it: the rerun finds it done and only notes it', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    await runCli(['promote'], { cwd: root, env: { AGENTDEVEL_KILL_AT: 'after-tag' } });
    expect((await readIteration(project.storeDir, 'weather', 1)).completed.promote).toBeUndefined();
    const refs = await git(root, 'for-each-ref');
    const rerun = await runCli(['promote'], { cwd: root });
    expect(rerun.stdout).toContain('already promoted: weather@v1');
    expect(await git(root, 'for-each-ref')).toBe(refs);
    await promotedOnce(root, project, rc.rcCommit);
  });
});

async function promotedOnce(root: string, project: { storeDir: string }, rcCommit: string): Promise<void> {
  const tip = await git(root, 'rev-parse', 'agentdevel/weather');
  expect(await git(root, 'rev-parse', `${tip}^`)).toBe(rcCommit);
  expect(await git(root, 'rev-parse', 'weather@v1^{commit}')).toBe(tip);
  expect(await tags(root)).toBe('weather@v0\nweather@v1');
  expect((await ledgerAt(root, 'agentdevel/weather')).map((e) => [e.iteration, e.version])).toEqual([[1, 1]]);
  expect(await readIteration(project.storeDir, 'weather', 1)).toMatchObject({ outcome: 'accept', completed: { promote: expect.any(String) } });
  expect(await exists(releaseLockPath(project.storeDir, 'weather'))).toBe(false);
}
