import { execa } from 'execa';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';
import { git } from '../synthesis/git-fixture.js';
import { loopProject } from './loop-fixture.js';

/** What a refused release must leave as it was: every ref, and no plan in the store. */
async function untouched(root: string): Promise<{ refs: string; plan: boolean }> {
  const plan = await access(join(root, '.agentdevel/iterations/qa/release.json')).then(() => true, () => false);
  return { refs: await git(root, 'for-each-ref', '--format=%(refname) %(objectname)'), plan };
}

describe('agentdevel release refuses bad input before writing anything', () => {
  it('names the missing agent, suite or gate policy, the uncommitted agent and bad flags, with no branch, tag or plan made', async () => {
    const { root } = await loopProject({ examples: 8 });
    await writeTree({ 'agents/draft/agent.yaml': 'name: draft\nkind: prompt\nsystem: prompts/system.md\n', 'agents/draft/prompts/system.md': 'hi\n' }, root);
    const before = await untouched(root);
    const cases: Array<[string[], number, RegExp]> = [
      [['--agent', 'nope'], 2, /ENOT_FOUND no agent nope \(no agents\/nope\/agent\.yaml\); agents: draft, qa\n\s+Pass one of them with --agent <name>\./],
      [['--agent', 'draft'], 2, /ENOT_FOUND agent "draft": agents\/draft\/agent\.yaml is not in commit [0-9a-f]+ of the version line\n\s+Commit the agent/],
      [['--agent', 'qa', '--suite', 'nope'], 2, /ENOT_FOUND suite "nope" not found/],
      [['--agent', 'qa', '--gate', 'nope'], 2, /ENOT_FOUND gate policy "nope" not found/],
      [['--agent', 'qa', '--iterations', '0'], 2, /EUSAGE --iterations 0: expected an integer >= 1/],
      [['--demo', '--dry-run'], 2, /EUSAGE --demo and --dry-run together/],
    ];
    for (const [args, code, message] of cases) {
      const result = await runCli(['release', ...args], { cwd: root });
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(await untouched(root), args.join(' ')).toEqual(before);
    }
  }, 120_000);

  it('refuses to continue an iteration whose runs would now be other runs (the settings changed since it began)', async () => {
    const { root } = await loopProject({ examples: 8 });
    const killed = await execa(process.execPath, [CLI, 'release', '--agent', 'qa', '--quiet'], { cwd: root, reject: false, env: { AGENTDEVEL_KILL_AT: 'after-critique@1' } });
    expect(killed.signal).toBe('SIGKILL');
    const config = await readFile(join(root, 'agentdevel.yaml'), 'utf8');
    await writeFile(join(root, 'agentdevel.yaml'), config.replace('"seed": 7', '"seed": 8'));
    const changed = await runCli(['release', '--agent', 'qa'], { cwd: root });
    expect(changed.exitCode).toBe(2);
    expect(changed.stderr).toMatch(/EUSAGE iteration 1 of agent "qa" was begun with the baseline run [0-9a-f]+, but the same run now has the id [0-9a-f]+/);
  }, 120_000);
});
