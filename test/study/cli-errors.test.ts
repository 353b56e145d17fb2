import { cp, mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO } from './shipped.js';

/** Every refusal of `agentdevel study` is a coded error naming the cause, given before any line runs, and writes nothing. */
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'agentdevel-study-refusals-'));
  for (const folder of ['agents', 'specs', 'gates']) await cp(join(REPO, folder), join(root, folder), { recursive: true });
  await writeFile(join(root, 'specs', 'plain.yaml'), 'name: plain\nexamples:\n  - {id: a, input: Say hi., expected: hi}\nscorer: {kind: exact}\n');
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function refused(args: string[], cwd = root) {
  const result = await runCli(['study', '--lines', '1', '--iterations', '1', '--flaky', '0', '--reroll', '0', ...args], { cwd });
  expect(result.stderr).not.toContain('EINTERNAL');
  expect(result.exitCode).toBe(2);
  return result.stderr;
}

describe('agentdevel study refuses', () => {
  it('counts that are not whole numbers of at least one, and noise levels that are not shares', async () => {
    expect(await refused(['--lines', '0'])).toContain('EUSAGE --lines 0: expected an integer >= 1');
    expect(await refused(['--jobs', 'two'])).toContain('EUSAGE --jobs two');
    expect(await refused(['--flaky', '0,1.5'])).toContain('EUSAGE --flaky: 1.5 is not a share between 0 and 1');
    expect(await refused(['--reroll', 'some'])).toContain('EUSAGE --reroll: "some" is not a number');
  });

  it('an agent that is not a prompt agent, and a missing one', async () => {
    expect(await refused(['--agent', 'js-coder'])).toMatch(/EUSAGE study: agent "js-coder" is a command agent; the study needs a prompt agent/);
    expect(await refused(['--agent', 'nobody'])).toContain('ENOT_FOUND agent "nobody" not found');
  });

  it('a suite the world cannot play, an unknown suite, an unknown gate policy', async () => {
    expect(await refused(['--suite', 'plain'])).toMatch(/EUSAGE study: suite "plain" has no `sim:` annotations/);
    expect(await refused(['--suite', 'nosuch'])).toContain('ENOT_FOUND suite "nosuch" not found');
    expect(await refused(['--gate', 'nosuch'])).toContain('ENOT_FOUND gate policy "nosuch" not found');
  });

  it('to guess between several prompt agents, or a suite in a project without the shipped one', async () => {
    const other = await mkdtemp(join(tmpdir(), 'agentdevel-study-guess-'));
    try {
      await cp(join(REPO, 'agents', 'support-bot'), join(other, 'agents', 'support-bot'), { recursive: true });
      expect(await refused([], other)).toContain('EUSAGE no suite to study: pass --suite');
      await mkdir(join(other, 'agents', 'helper'), { recursive: true });
      await cp(join(REPO, 'agents', 'support-bot', 'prompts'), join(other, 'agents', 'helper', 'prompts'), { recursive: true });
      await writeFile(join(other, 'agents', 'helper', 'agent.yaml'), 'name: helper\nkind: prompt\nsystem: prompts/system.md\n');
      expect(await refused([], other)).toContain('EUSAGE several prompt agents (helper, support-bot): pass --agent <name>');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('having written nothing to the store', async () => {
    await expect(readdir(join(root, '.agentdevel', 'studies'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
