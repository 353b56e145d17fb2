import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, userState } from '../synthesis/git-fixture.js';
import { loopProject } from './loop-fixture.js';

/** Everything git holds: refs, objects, worktrees, reflogs of the version line. */
async function gitState(root: string) {
  return {
    refs: await git(root, 'for-each-ref', '--format=%(refname) %(objectname)'),
    objects: (await git(root, 'count-objects', '-v')).split('\n').filter((l) => /^(count|in-pack|packs):/.test(l)),
    worktrees: await git(root, 'worktree', 'list', '--porcelain'),
    gitDir: (await readdir(join(root, '.git'))).sort(),
  };
}

describe('agentdevel release --dry-run', () => {
  it('runs one iteration with everything but git: no ref, object or worktree made, the real store untouched', async () => {
    const { root } = await loopProject({ examples: 16 });
    const before = { git: await gitState(root), user: await userState(root) };
    const result = await runCli(['release', '--agent', 'qa', '--iterations', '3', '--dry-run', '--json'], { cwd: root, timeout: 120_000 });
    expect(result.exitCode, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { dryRun: boolean; iterations: Array<{ decision: string; to: string }>; records: Array<{ status: string; steps: string[]; version: { tag: string; commit: string | null } }>; reports: { md: string } };
    expect(out.dryRun).toBe(true);
    expect(out.iterations).toHaveLength(1);
    expect(out.iterations[0]).toMatchObject({ decision: 'accept', to: 'v1 (not made: dry run)' });
    expect(out.records[0]).toMatchObject({ status: 'dry-run', version: { tag: 'qa@v1', commit: null } });
    expect(out.records[0]!.steps.join('\n')).toContain('tag it qa@v1');
    expect(result.stderr).toContain('dry run: nothing was committed, tagged or moved in git');

    expect(await gitState(root)).toEqual(before.git);
    expect(await userState(root)).toEqual(before.user);
    // The work lives in the dry run's own store; the real store holds no iteration to resume.
    await access(out.reports.md);
    expect(out.reports.md).toContain(join('.agentdevel', 'dry-run'));
    expect(await readdir(join(root, '.agentdevel')).then((names) => names.includes('iterations'))).toBe(false);
  }, 120_000);
});
