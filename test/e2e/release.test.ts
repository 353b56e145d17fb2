import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../../src/core/git/index.js';
import { findRecordCommit } from '../../src/release/git/find-record.js';
import { runCli } from '../helpers/cli.js';
import { git, userState } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject, tagsOf } from '../release/loop-fixture.js';

interface ReleaseJson {
  iterations: Array<{ n: number; decision: string; from: string; to: string; f2p: number; p2f: number }>;
  stop: { rule: string };
  holdout: { version: string; passRate: number; start: number; runId: string };
  reports: { html: string; md: string; json: string; junit: string };
  simulated: boolean;
  branch: string;
}

describe('agentdevel release, end to end through the CLI on the simulated world', () => {
  it('runs 3 iterations in a temp repository with a bare origin: tags, ledger lines, audit reports, the user\'s tree untouched', async () => {
    const { root } = await loopProject();
    // The user keeps working meanwhile: an unstaged edit of the agent, a staged new file.
    await writeFile(join(root, 'agents/qa/prompts/system.md'), 'my own draft, not committed\n');
    await writeFile(join(root, 'notes.md'), 'staged\n');
    await git(root, 'add', 'notes.md');
    const before = await userState(root);

    const result = await runCli(['release', '--agent', 'qa', '--iterations', '3', '--json'], { cwd: root, timeout: 240_000 });
    expect(result.exitCode, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as ReleaseJson;
    // The per-iteration lines and the summary go to stderr under --json.
    expect(result.stderr).toMatch(/iteration 1 {2}v0 → v1 {2}accept {2}P→F 0 {2}F→P \d+ .* dev \d+\.\d% → \d+\.\d%/);
    expect(result.stderr).toContain('simulated world');
    expect(out.simulated).toBe(true);
    expect(out.iterations.map((i) => [i.n, i.from, i.to, i.decision])).toEqual([
      [1, 'v0', 'v1', 'accept'],
      [2, 'v1', 'v2', 'accept'],
      [3, 'v2', 'v3', 'accept'],
    ]);
    expect(out.stop.rule).toBe('iterations');
    expect(out.holdout.version).toBe('v3');
    expect(out.holdout.passRate).toBeGreaterThan(out.holdout.start);

    // Git: a tag per version, one ledger line per iteration, an audit report per version, trailers.
    expect(await tagsOf(root)).toEqual(['qa@v0', 'qa@v1', 'qa@v2', 'qa@v3']);
    const ledger = await ledgerOf(root);
    expect(ledger.map((e) => [e.iteration, e.decision, e.version])).toEqual([
      [1, 'accept', 1],
      [2, 'accept', 2],
      [3, 'accept', 3],
    ]);
    const files = (await git(root, 'ls-tree', '--name-only', 'agentdevel/qa', 'releases/qa/')).split('\n').sort();
    expect(files).toEqual(['releases/qa/flaky.json', 'releases/qa/ledger.jsonl', 'releases/qa/v1.md', 'releases/qa/v2.md', 'releases/qa/v3.md']);
    expect((await git(root, 'log', '-1', '--format=%(trailers:key=Agentdevel-Decision,valueonly)', 'qa@v3')).trim()).toBe('accept');
    // The version line's prompt now carries the rules the critic's symptoms called for.
    const prompt = await git(root, 'show', 'agentdevel/qa:agents/qa/prompts/system.md');
    expect(prompt.split('\n').length).toBeGreaterThan(2);
    // The record of an early iteration is found under later RC and record commits (a rerun completing it looks it up).
    const repo = await openRepo(root);
    const tip = await git(root, 'rev-parse', 'agentdevel/qa');
    for (const n of [1, 2, 3]) expect(await findRecordCommit(repo, tip, 'qa', n)).toBe(await git(root, 'rev-parse', `qa@v${n}^{commit}`));
    // Every candidate was made from the tip it was gated against: the line is a chain of fast-forwards.
    expect(await git(root, 'merge-base', '--is-ancestor', 'qa@v1', 'qa@v3').then(() => true)).toBe(true);

    // The reports of the last iteration, in every format.
    for (const path of Object.values(out.reports)) await access(path);
    expect(await readFile(out.reports.html, 'utf8')).toContain('<svg');
    expect(await readFile(out.reports.md, 'utf8')).toMatch(/simulated/i);

    // The user's branch, index and working tree are as they were.
    expect(await userState(root)).toEqual(before);

    // The version line and its tags push to the bare origin as plain fast-forwards.
    await git(root, 'push', '--quiet', 'origin', 'agentdevel/qa', '--tags');
    expect(await git(root, 'ls-remote', '--tags', 'origin')).toContain('refs/tags/qa@v3');

    // The next release continues the numbering from the ledger, even with an empty store (a CI job).
    await rm(join(root, '.agentdevel'), { recursive: true, force: true });
    const again = await runCli(['release', '--agent', 'qa', '--iterations', '1'], { cwd: root, timeout: 120_000 });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^iteration 4 {2}v3 → v3 {2}no candidate \(no actionable symptom/m);
    expect(again.stdout).toContain('stopped: no actionable symptom in iteration 4');
    expect((await ledgerOf(root)).map((e) => e.iteration)).toEqual([1, 2, 3, 4]);
  }, 300_000);
});
