import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

interface ErrorJson {
  error: { code: string; message: string; details: string; exitCode: number; data?: Record<string, unknown> };
}

describe('bad command lines: EUSAGE, exit 2, with --json honoured', () => {
  it('a typo\'d command: the code, the suggestion, and where the commands are listed', async () => {
    const result = await runCli(['relase'], { cwd: await tempDir('agentdevel-usage-') });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("EUSAGE unknown command 'relase'; did you mean release?\n  Run `agentdevel --help` for the commands and global flags.");
    expect(result.stdout).toBe('');
  });

  it('a typo\'d flag, --json after it: one JSON error on stdout naming the command\'s help', async () => {
    const result = await runCli(['release', '--iteratons', '2', '--json'], { cwd: await tempDir('agentdevel-usage-') });
    expect(result.exitCode).toBe(2);
    const { error } = JSON.parse(result.stdout) as ErrorJson;
    expect(error).toEqual({
      code: 'EUSAGE',
      message: "unknown option '--iteratons'; did you mean --iterations?",
      details: 'Run `agentdevel release --help` for its flags and arguments.',
      exitCode: 2,
      data: { commander: 'commander.unknownOption', command: 'release', suggestion: '--iterations' },
    });
  });

  it('a flag without its value, and a bad value a command checks itself: the hint names the real command', async () => {
    const cwd = await tempDir('agentdevel-usage-');
    const missing = await runCli(['release', '--iterations'], { cwd });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe("EUSAGE option '--iterations <n>' argument missing\n  Run `agentdevel release --help` for its flags and arguments.");
    const shard = await runCli(['--json', 'run', '--shard', 'x'], { cwd });
    expect(shard.exitCode).toBe(2);
    const { error } = JSON.parse(shard.stdout) as ErrorJson;
    expect(error.code).toBe('EUSAGE');
    expect(error.details).toBe('Run `agentdevel run --help` for its flags and arguments.');
  });

  it('no command: the help, then EUSAGE', async () => {
    const result = await runCli([], { cwd: await tempDir('agentdevel-usage-') });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Usage: agentdevel [options] [command]');
    expect(result.stderr).toMatch(/^EUSAGE no command given$/m);
  });

  it('help and version stay successes', async () => {
    const cwd = await tempDir('agentdevel-usage-');
    const help = await runCli(['release', '--help'], { cwd });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: agentdevel release [options]');
    expect((await runCli(['--version'], { cwd })).exitCode).toBe(0);
  });
});
