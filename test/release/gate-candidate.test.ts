import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRanges } from '../../src/release/loop/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { git } from '../synthesis/git-fixture.js';
import { loopProject } from './loop-fixture.js';

async function runOf(root: string, ref: string): Promise<string> {
  const result = await runCli(['run', '--agent', 'qa', '--agent-ref', ref, '--sample-base', String(sampleRanges(1).runs), '--json'], { cwd: root, timeout: 120_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { runId: string }).runId;
}

describe('agentdevel gate --candidate', () => {
  it('refuses a candidate run of another commit, naming both commits and the fix, and gates the RC\'s own run', async () => {
    const { root } = await loopProject({ examples: 12 });
    // A release stopped once the RC is committed: the CI job runs the candidate and gates it.
    const killed = await execa(process.execPath, [CLI, 'release', '--agent', 'qa', '--iterations', '1', '--quiet'], { cwd: root, reject: false, env: { AGENTDEVEL_KILL_AT: 'after-synthesize@1' } });
    expect(killed.signal, `${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');
    const rc = await git(root, 'rev-parse', 'agentdevel/qa@rc-1');
    const line = await git(root, 'rev-parse', 'agentdevel/qa');

    // The version line played instead of the RC (a CI job checked out the wrong ref).
    const wrong = await runOf(root, 'agentdevel/qa');
    const stateFile = join(root, '.agentdevel/iterations/qa/1/iteration.json');
    const state = await readFile(stateFile, 'utf8');
    const refused = await runCli(['gate', '--agent', 'qa', '--candidate', wrong, '--json'], { cwd: root, timeout: 120_000 });
    expect(refused.exitCode).toBe(2);
    const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string; details: string; data: Record<string, unknown> } }).error;
    expect(error.code).toBe('EGATE_INPUT');
    expect(error.message).toContain(`the candidate run ${wrong} played commit ${line.slice(0, 12)} (the iteration's baseline), not the release candidate's commit ${rc.slice(0, 12)} (agentdevel/qa@rc-1)`);
    expect(error.details).toContain('--agent-ref agentdevel/qa@rc-1');
    expect(error.data).toMatchObject({ run: wrong, rcCommit: rc, playedCommit: line });
    // Refused before anything is written: the iteration does not take the run.
    expect(await readFile(stateFile, 'utf8')).toBe(state);

    // The RC's own run is gated (whatever the verdict: 0, 10 or 11).
    const right = await runOf(root, 'agentdevel/qa@rc-1');
    const gated = await runCli(['gate', '--agent', 'qa', '--candidate', right], { cwd: root, timeout: 120_000 });
    expect([0, 10, 11], gated.stderr).toContain(gated.exitCode);
    expect(gated.stdout).toContain('gate of iteration 1 of qa');
  }, 180_000);
});
