import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { loopProject } from './loop-fixture.js';

describe('agentdevel release: Ctrl-C and progress off a terminal', () => {
  it('prints each stage and a line per run where no terminal watches (CI logs)', { timeout: 60_000 }, async () => {
    const { root } = await loopProject({ examples: 16 });
    const result = await runCli(['release', '--iterations', '1'], { cwd: root });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('iteration 1: baseline run…');
    expect(result.stderr).toContain('iteration 1: gate…');
    expect(result.stderr).toMatch(/^ {2}baseline run \(v0\) \(simulated world\): 16\/16 done, pass \d+\.\d%, 0 errors, \d+ tokens/m);
    expect(result.stderr).toMatch(/^ {2}candidate run \(rc-1\) \(simulated world\): 16\/16 done/m);
  });

  it('Ctrl-C (SIGINT) stops with EINTERRUPTED (exit 3, as run does); the same command then finishes the release', { timeout: 90_000 }, async () => {
    const { root } = await loopProject({ examples: 16, sim: { latencyMs: 400 } });
    const child = execa(process.execPath, [CLI, 'release', '--iterations', '1'], { cwd: root, reject: false });
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('iteration 1: baseline run…')) resolve();
      });
      void child.then(() => resolve());
    });
    child.kill('SIGINT');
    const stopped = await child;
    expect(stopped.exitCode, stopped.stderr).toBe(3);
    expect(stopped.stderr).toContain('SIGINT: stopping once the work in flight is saved');
    expect(stopped.stderr).toMatch(/^EINTERRUPTED run [0-9a-f]+ interrupted after \d+ new records?$/m);
    expect(stopped.stderr).toContain('Rerun the same command');

    const resumed = await runCli(['release', '--iterations', '1'], { cwd: root, timeout: 80_000 });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^iteration 1 {2}v0 → /m);
  });
});
