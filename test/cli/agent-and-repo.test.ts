import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

interface ErrorJson {
  error: { code: string; message: string; details: string; exitCode: number; data?: Record<string, unknown> };
}

/** A project `agentdevel init` scaffolds in a folder that is not a git repository. */
async function scaffolded(): Promise<string> {
  const root = await tempDir('agentdevel-first-hour-');
  const init = await runCli(['init'], { cwd: root });
  expect(init.exitCode, init.stderr).toBe(0);
  return root;
}

describe('a typo\'d agent name, a folder outside git', () => {
  it('--agent naming no agent: ENOT_FOUND listing the agents there are (exit 2), before anything else', async () => {
    const root = await scaffolded();
    for (const command of [['release'], ['run'], ['report'], ['diagnose']]) {
      const result = await runCli(['--json', ...command, '--agent', 'shop-asistant'], { cwd: root });
      expect(result.exitCode, `${command.join(' ')}: ${result.stderr}`).toBe(2);
      const { error } = JSON.parse(result.stdout) as ErrorJson;
      expect(error.code).toBe('ENOT_FOUND');
      expect(error.message).toBe('no agent shop-asistant (no agents/shop-asistant/agent.yaml); agents: shop-assistant');
      expect(error.details).toBe('Pass --agent shop-assistant (or leave --agent out: it is the only one).');
    }
  });

  it('not a git repository: ENOT_GIT_REPO, exit 2 (bad input, not infrastructure), for release and its dry run', async () => {
    const root = await scaffolded();
    for (const args of [['release'], ['release', '--dry-run']]) {
      const result = await runCli(args, { cwd: root });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^ENOT_GIT_REPO .+ is not inside a git repository: agentdevel reads the agent as committed/m);
      expect(result.stderr).toContain('git init && git add -A && git commit');
    }
  });
});
