import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { ledgerOf, loopProject } from './loop-fixture.js';

describe('agentdevel release: an unfinished release, continued or abandoned', () => {
  it('refuses flags that differ from the unfinished release, naming --abandon; --abandon records what it had begun and the next release starts afresh', { timeout: 120_000 }, async () => {
    const { root } = await loopProject({ examples: 8 });
    const killed = await execa(process.execPath, [CLI, 'release', '--iterations', '2', '--quiet'], { cwd: root, reject: false, env: { AGENTDEVEL_KILL_AT: 'after-critique@1' } });
    expect(killed.signal).toBe('SIGKILL');

    const differing = await runCli(['release', '--gate', 'lenient', '--iterations', '1'], { cwd: root });
    expect(differing.exitCode, differing.stderr).toBe(2);
    expect(differing.stderr).toMatch(/^EUSAGE an unfinished release of qa \(begun at \S+: iterations 1 to 2, gate default, suites qa\) continues as it began, and --iterations 1, --gate lenient differ from it$/m);
    expect(differing.stderr).toContain('`agentdevel release --abandon`');

    const mixed = await runCli(['release', '--abandon', '--gate', 'lenient'], { cwd: root });
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(/^EUSAGE --abandon takes only --agent/m);

    const abandoned = await runCli(['release', '--abandon'], { cwd: root });
    expect(abandoned.exitCode, abandoned.stderr).toBe(0);
    expect(abandoned.stdout).toMatch(/^abandoned the release of qa begun at \S+ \(iterations 1 to 2, gate default, suites qa\)$/m);
    expect(abandoned.stdout).toMatch(/^ {2}iteration 1: recorded on the ledger as abandoned \(commit [0-9a-f]{12}\); it had completed baseline, critique$/m);
    const [line] = await ledgerOf(root);
    expect(line).toMatchObject({ iteration: 1, decision: 'no-candidate', version: null });
    expect(String(line!.reason)).toMatch(/^abandoned: the release begun at .+ was abandoned \(agentdevel release --abandon\)/);

    const again = await runCli(['release', '--abandon'], { cwd: root });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/^ENOT_FOUND no unfinished release of qa to abandon/m);

    const fresh = await runCli(['release', '--gate', 'lenient', '--iterations', '1'], { cwd: root });
    expect(fresh.exitCode, fresh.stderr).toBe(0);
    expect(fresh.stderr).not.toContain('continuing the release');
    expect(fresh.stdout).toMatch(/^iteration 2 {2}v0 → /m);
    expect((await ledgerOf(root)).map((e) => e.iteration)).toEqual([1, 2]);
  });
});
