import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { branches } from './git-fixture.js';
import { weatherProject } from './stage-fixture.js';

describe('agentdevel synthesize (CLI)', () => {
  it('exits 0 with a clear "no candidate" when every attempt is refused, listing each reason', async () => {
    const { root, iteration } = await weatherProject({ sim: { malformedRate: 1 } });
    await writeConfig(root, { synthesis: { maxAttempts: 1 } });
    const human = await runCli(['synthesize'], { cwd: root });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain('no candidate: no valid patch in 1 attempt');
    expect(human.stdout).toMatch(/1\. EPATCH (malformed|path-escape): /);
    expect(human.stdout).toContain('the simulated world, not a real model');
    expect(await branches(root)).toEqual(['agentdevel/weather', 'main']);
    expect(JSON.parse(await readFile(join(iteration, 'synthesis.json'), 'utf8'))).toMatchObject({ status: 'no-candidate', attempts: [{ ok: false }] });

    const json = await runCli(['synthesize', '--json', '--quiet'], { cwd: root });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'no-candidate', candidate: false, simulated: true, attempts: [{ ok: false }] });
  });

  it('refuses a bad --iteration and a missing diagnosis with coded errors (exit 2)', async () => {
    const { root, iteration } = await weatherProject();
    const bad = await runCli(['synthesize', '--iteration', 'one'], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('EUSAGE');
    const missing = await runCli(['synthesize', '--iteration', '7'], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('ENOT_FOUND');
    await rm(join(iteration, 'spec.md'));
    const noSpec = await runCli(['synthesize'], { cwd: root });
    expect(noSpec.exitCode).toBe(2);
    expect(noSpec.stderr).toMatch(/ENOT_FOUND .*no spec\.md yet/);
    expect(noSpec.stderr).toContain('agentdevel diagnose');
  });
});

async function writeConfig(root: string, extra: Record<string, unknown>): Promise<void> {
  const path = join(root, 'agentdevel.yaml');
  const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...config, ...extra }, null, 2));
}
