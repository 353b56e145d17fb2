import { execa } from 'execa';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject } from './loop-fixture.js';

const worktrees = async (root: string) => (await git(root, 'worktree', 'list', '--porcelain')).split('\n').filter((l) => l.startsWith('worktree ')).length;
const rcFolders = async (root: string) => (await readdir(join(root, '.agentdevel/worktrees/qa')).catch(() => [] as string[])).filter((name) => name.startsWith('rc-'));

describe('release candidate worktrees', () => {
  it('are removed once each decision is recorded, accept or reject, and when an iteration fails before its record', async () => {
    const { root } = await loopProject({ examples: 16 });
    const before = await worktrees(root);

    const released = await runCli(['release', '--agent', 'qa', '--iterations', '2', '--gate', 'lenient', '--json'], { cwd: root, timeout: 120_000 });
    expect(released.exitCode, released.stderr).toBe(0);
    const decisions = (await ledgerOf(root)).map((e) => e.decision);
    expect(decisions.filter((d) => d === 'accept' || d === 'reject' || d === 'inconclusive')).toHaveLength(2);
    expect(await worktrees(root)).toBe(before);
    expect(await rcFolders(root)).toEqual([]);
    // The RC branches stay: they are the record.
    expect(await git(root, 'branch', '--list', 'agentdevel/qa@rc-*', '--format=%(refname:short)')).toBe('agentdevel/qa@rc-1\nagentdevel/qa@rc-2');

    // Killed once the RC of iteration 3 is committed: its worktree is left (a kill cleans nothing up)...
    const killed = await execa(process.execPath, [CLI, 'release', '--agent', 'qa', '--iterations', '1', '--quiet'], { cwd: root, reject: false, env: { AGENTDEVEL_KILL_AT: 'after-synthesize@3' } });
    expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');
    expect(await worktrees(root)).toBe(before + 1);
    // ...and the rerun fails at the gate (gate.json cannot be written where a folder stands): removed all the same.
    await mkdir(join(root, '.agentdevel/iterations/qa/3/gate.json/blocked'), { recursive: true });
    const failed = await runCli(['release', '--agent', 'qa'], { cwd: root, timeout: 120_000 });
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stderr).toContain('gate.json');
    expect(await worktrees(root)).toBe(before);
    expect(await rcFolders(root)).toEqual([]);
  }, 240_000);
});
