import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { printedCommands } from '../helpers/printed-commands.js';
import { git } from '../synthesis/git-fixture.js';
import { loopProject } from './loop-fixture.js';

describe('agentdevel release: what next', () => {
  it('after a version is made, prints how to see it, take it and publish it; each command works when pasted', { timeout: 60_000 }, async () => {
    const { root, origin } = await loopProject({ examples: 16 });
    const result = await runCli(['release', '--iterations', '1'], { cwd: root });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^iteration 1 {2}v0 → v1 {2}accept/m);
    expect(result.stdout).toContain('  ledger: git show agentdevel/qa:releases/qa/ledger.jsonl');
    expect(result.stdout).toContain('  next: v1 is on the version line agentdevel/qa (tag qa@v1); your branch is unchanged. To take it:');
    const commands = printedCommands(result.stdout);
    expect(commands).toEqual([
      'git show agentdevel/qa:releases/qa/ledger.jsonl   # history: git log agentdevel/qa',
      'git diff HEAD agentdevel/qa -- agents/qa   # what changed in the agent',
      'git merge agentdevel/qa   # take it into your branch (with its releases/ records)',
      'git push --follow-tags origin agentdevel/qa   # publish the version line and its tags',
    ]);
    const outputs: string[] = [];
    for (const command of commands) {
      const pasted = await execa('sh', ['-c', command], { cwd: root, reject: false });
      expect(pasted.exitCode, `${command}\n${pasted.stderr}`).toBe(0);
      outputs.push(pasted.stdout);
    }
    expect(outputs[0]).toMatch(/"decision":"accept"/);
    expect(outputs[1]).toMatch(/^\+\+\+ b\/agents\/qa\/prompts\/system\.md$/m);
    // The audit report states the default gate's holdout rule (no net loss) and the line's false-promotion budget.
    const report = await git(root, 'show', 'agentdevel/qa:releases/qa/v1.md');
    expect(report).toMatch(/holdout: holdout pass rate change [+-][\d.]+% \(\d+ P→F, \d+ F→P confirmed of \d+; largest drop allowed 0\.0%\)/);
    expect(report).toContain('False-promotion budget of the line: tested at level 0.03');
    // Merged: the user's branch now holds v1; pushed: the origin has the line and its tags.
    expect(await git(root, 'rev-parse', 'HEAD')).toBe(await git(root, 'rev-parse', 'agentdevel/qa'));
    expect(await git(origin, 'tag', '--list', 'qa@*')).toBe('qa@v0\nqa@v1');
  });

  it('says so when no version was made', { timeout: 60_000 }, async () => {
    const { root } = await loopProject({ examples: 16, gates: { never: 'mode: flips\nminF2P: 1000\n' } });
    const result = await runCli(['release', '--iterations', '1', '--gate', 'never'], { cwd: root });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("  next: no new version; each iteration's reasons are in its report and in the ledger");
    expect(result.stdout).not.toContain('git merge');
  });
});
