import { execa } from 'execa';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { strongestWrapper } from '../../src/core/process/index.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { commandAgent, deskWorld } from './fixture.js';
import { allGone, processesWith } from './processes.js';

const held = await strongestWrapper();
const why = held.holding === 'pid-namespace' ? '' : `no PID namespace here (util-linux unshare, or user namespaces, unavailable): holding is ${held.holding}`;

async function sessionFolders(root: string): Promise<string[]> {
  return (await readdir(root)).filter((name) => name.startsWith('agentdevel-cmd-'));
}

describe.skipIf(why !== '')(`command agents held in a PID namespace${why ? ` (skipped: ${why})` : ''}`, () => {
  test('a detached (setsid) child of the program is gone when the episode ends, and so is the temp folder', async () => {
    const world = await deskWorld();
    const tempRoot = await tempDir();
    const runner = world.runner(await world.agent('escape-bot', await commandAgent('escape-bot', 'escaper.mjs')), { tempRoot });
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'completed' });
    const folder = /escapee in (\S+?)"/.exec(JSON.stringify(result.trace))?.[1];
    expect(folder).toBeDefined();
    expect(await allGone(`escapee:${folder!}`)).toBe(true);
    await runner.close();
    expect(await sessionFolders(tempRoot)).toEqual([]);
  });

  test('kill -9 of agentdevel mid-episode takes its command agents with it; the resumed run sweeps their temp folders', async () => {
    const world = await deskWorld();
    await world.agent('hang-bot', await commandAgent('hang-bot', 'escaper.mjs', 'env: [HANG_FLAG]\n'));
    const tempRoot = await tempDir();
    const flag = join(tempRoot, 'hang');
    await writeFile(flag, '');
    const env = { ...process.env, TMPDIR: tempRoot, HANG_FLAG: flag };
    const args = [CLI, 'run', '--agent', 'hang-bot', '--suite', 'desk', '--quiet'];
    const child = execa(process.execPath, args, { cwd: world.root, env, reject: false });
    let agents: number[] = [];
    for (let i = 0; i < 400 && agents.length === 0 && child.exitCode === null; i++) {
      agents = await processesWith(`escapee:${tempRoot}`);
      if (agents.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(agents.length, 'the agent started its escapee').toBeGreaterThan(0);
    const [session] = await sessionFolders(tempRoot);
    expect(session).toBeDefined();
    const program = (await processesWith(join(tempRoot, session!))).filter((pid) => !agents.includes(pid));
    expect(program.length, 'the agent program runs').toBeGreaterThan(0);

    child.kill('SIGKILL');
    expect((await child).signal).toBe('SIGKILL');
    expect(await allGone(tempRoot, 5_000), 'no command agent or child of one outlives agentdevel').toBe(true);
    expect(await sessionFolders(tempRoot)).toEqual([session]);

    await rm(flag);
    await mkdir(join(tempRoot, 'unrelated'));
    const resumed = await execa(process.execPath, args, { cwd: world.root, env, reject: false });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(await readdir(tempRoot)).toEqual(['unrelated']);
    expect(await allGone(tempRoot)).toBe(true);
  });
});
