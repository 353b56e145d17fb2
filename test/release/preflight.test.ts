import { access, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseLockPath, recordDecision } from '../../src/release/index.js';
import { tempDir } from '../helpers/tmp.js';
import { candidate, git, gitMayFail, releaseProject, userState, type Candidate } from './fixture.js';
import { gateFor } from './gate-fixture.js';
import type { Project } from '../../src/config/index.js';

/** Records rc's accept, expecting the refusal: no ref moved, no lock left, the user's side as it was. */
async function refused(root: string, project: Project, rc: Candidate): Promise<{ code: string; message: string; details: string }> {
  const refs = await git(root, 'for-each-ref');
  const before = await userState(root).catch(() => undefined);
  const error = (await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: '# r\n' }).catch((e: unknown) => e)) as { code: string; message: string; details: string };
  expect(error).toHaveProperty('code');
  expect(await git(root, 'for-each-ref')).toBe(refs);
  if (before) expect(await userState(root)).toEqual(before);
  await expect(access(releaseLockPath(project.storeDir, 'weather'))).rejects.toThrow();
  return error;
}

/** A branch `other` whose README conflicts with main's. */
async function conflictingBranch(root: string): Promise<void> {
  await git(root, 'switch', '--quiet', '-c', 'other');
  await writeFile(join(root, 'README.md'), '# theirs\n');
  await git(root, 'commit', '--quiet', '-am', 'theirs');
  await git(root, 'switch', '--quiet', 'main');
  await writeFile(join(root, 'README.md'), '# ours\n');
  await git(root, 'commit', '--quiet', '-am', 'ours');
}

describe('repository preflight', () => {
  it('refuses a locked index and a locked version ref (EGIT_LOCKED), then proceeds once they are gone', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    await writeFile(join(root, '.git/index.lock'), '');
    const index = await refused(root, project, rc);
    expect(index).toMatchObject({ code: 'EGIT_LOCKED', message: expect.stringContaining('.git/index.lock') });
    expect(index.details).toContain('delete the file');
    await rm(join(root, '.git/index.lock'));

    await writeFile(join(root, '.git/refs/heads/agentdevel/weather.lock'), '');
    expect(await refused(root, project, rc)).toMatchObject({ code: 'EGIT_LOCKED', message: expect.stringContaining('refs/heads/agentdevel/weather.lock') });
    await rm(join(root, '.git/refs/heads/agentdevel/weather.lock'));

    expect(await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: '# r\n' })).toMatchObject({ status: 'promoted' });
  });

  it('refuses a repository mid-merge, mid-rebase and mid-cherry-pick (real conflicts), saying how to finish or abort', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    await conflictingBranch(root);

    expect((await gitMayFail(root, 'merge', 'other')).exitCode).not.toBe(0);
    const merge = await refused(root, project, rc);
    expect(merge).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining('in the middle of a merge') });
    expect(merge.details).toContain('git merge --abort');
    await git(root, 'merge', '--abort');

    expect((await gitMayFail(root, 'rebase', 'other')).exitCode).not.toBe(0);
    const rebase = await refused(root, project, rc);
    expect(rebase).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining('in the middle of a rebase') });
    expect(rebase.details).toContain('git rebase --abort');
    await git(root, 'rebase', '--abort');

    expect((await gitMayFail(root, 'cherry-pick', 'other')).exitCode).not.toBe(0);
    expect(await refused(root, project, rc)).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining('in the middle of a cherry-pick') });
    await git(root, 'cherry-pick', '--abort');

    expect(await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: '# r\n' })).toMatchObject({ status: 'promoted' });
  });

  it('refuses while the version branch is checked out in the user\'s tree or another worktree, or rebased in one', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);

    await git(root, 'switch', '--quiet', 'agentdevel/weather');
    const own = await refused(root, project, rc);
    expect(own).toMatchObject({ code: 'EGIT_STATE', message: 'the version branch agentdevel/weather is checked out in your working tree' });
    expect(own.details).toContain('switch');
    await git(root, 'switch', '--quiet', 'main');

    const elsewhere = join(await tempDir('agentdevel-wt-'), 'wt');
    await git(root, 'worktree', 'add', '--quiet', elsewhere, 'agentdevel/weather');
    expect(await refused(root, project, rc)).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining(`checked out in the worktree ${elsewhere}`) });

    // The same worktree rebasing the version branch onto a conflicting commit: HEAD is detached, the rebase still names the branch.
    await conflictingBranch(root);
    await writeFile(join(elsewhere, 'README.md'), '# line\n');
    await git(elsewhere, 'commit', '--quiet', '-am', 'line');
    expect((await gitMayFail(elsewhere, 'rebase', 'other')).exitCode).not.toBe(0);
    expect(await refused(root, project, rc)).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining('is being rebased in another worktree') });
  });
});
