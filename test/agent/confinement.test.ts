import { execa } from 'execa';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jsonSchemas } from '../../src/cli/commands/schema.js';
import { findBubblewrap } from '../../src/core/process/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { commandAgent, deskWorld } from './fixture.js';
import { allGone, processesWith } from './processes.js';

const why = await findBubblewrap(process.env, 'the confinement tests need it').then(
  () => '',
  (error: Error) => `bubblewrap cannot run here: ${error.message}`,
);

interface Attempt {
  ok: boolean;
  value: string;
}
type Report = Record<'writeProject' | 'writeOutside' | 'writeHere' | 'readSuite' | 'unmountAndReadSuite' | 'readStore' | 'readHome' | 'readBlueprint' | 'readSystem' | 'environ', Attempt>;

const PROBE_ENV = 'env: [PROBE_PROJECT, PROBE_HOME, PROBE_MARK, PROBE_OUTSIDE]\n';

/** `agentdevel run` of the prober on one example, as a real process with a fake HOME; its answer and the places it aimed at. */
async function probeRun(confine: string) {
  const world = await deskWorld();
  await world.agent('probe-bot', await commandAgent('probe-bot', 'confinement-prober.mjs', `${PROBE_ENV}${confine}`));
  const [home, tempRoot, outside] = [await tempDir(), await tempDir(), await tempDir()];
  await writeFile(join(home, 'secret.txt'), 'the-home-secret');
  const mark = `probe-${process.pid}-${Date.now()}`;
  const env = { ...process.env, HOME: home, TMPDIR: tempRoot, PROBE_PROJECT: world.root, PROBE_HOME: home, PROBE_MARK: mark, PROBE_OUTSIDE: join(outside, 'escaped.txt'), PROBE_AGENTDEVEL_SECRET: 'sekrit-of-agentdevel' };
  const run = await runCli(['run', '--agent', 'probe-bot', '--suite', 'desk', '--example', 'hello', '--quiet'], { cwd: world.root, env });
  expect(run.exitCode, run.stderr).toBe(0);
  const [runId] = await readdir(join(world.root, '.agentdevel', 'runs'));
  const records = (await readFile(join(world.root, '.agentdevel', 'runs', runId!, 'records.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { output: { answer: Report } });
  expect(records).toHaveLength(1);
  return { report: records[0]!.output.answer, world, outside, mark, tempRoot };
}

describe.skipIf(why !== '')(`confine: files (bubblewrap)${why ? ` (skipped: ${why})` : ''}`, () => {
  test('kill -9 of agentdevel mid-episode takes its confined agents and their children with it', async () => {
    const world = await deskWorld();
    await world.agent('hang-bot', await commandAgent('hang-bot', 'escaper.mjs', 'env: [HANG_FLAG]\nconfine: files\n'));
    const [tempRoot, flags] = [await tempDir(), await tempDir()];
    await writeFile(join(flags, 'hang'), '');
    const env = { ...process.env, TMPDIR: tempRoot, HANG_FLAG: join(flags, 'hang') };
    const child = execa(process.execPath, [CLI, 'run', '--agent', 'hang-bot', '--suite', 'desk', '--quiet'], { cwd: world.root, env, reject: false });
    let agents: number[] = [];
    for (let i = 0; i < 400 && agents.length === 0 && child.exitCode === null; i++) {
      agents = await processesWith(`escapee:${tempRoot}`);
      if (agents.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(agents.length, 'the confined agent started its escapee').toBeGreaterThan(0);
    const holders = await Promise.all((await processesWith(tempRoot)).map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
    expect(holders.some((cmdline) => cmdline.split('\0')[0]!.endsWith('bwrap') && cmdline.includes('\0--die-with-parent\0')), 'bwrap holds it').toBe(true);
    child.kill('SIGKILL');
    expect((await child).signal).toBe('SIGKILL');
    expect(await allGone(tempRoot, 5_000), 'no confined agent or child of one outlives agentdevel').toBe(true);
    await rm(join(flags, 'hang'));
  });

  test('the agent writes only in its working folder and reads neither the suites, the store, HOME nor agentdevel\'s environment; nothing it starts outlives the run', async () => {
    const { report, world, outside, mark } = await probeRun('confine: files\n');
    expect(report.writeHere.ok).toBe(true);
    expect(report.readBlueprint).toEqual({ ok: true, value: 'name: probe-bot' });
    expect(report.readSystem.ok).toBe(true);
    expect(report.writeProject).toEqual({ ok: false, value: 'EROFS' });
    expect(report.writeOutside).toEqual({ ok: false, value: 'EROFS' });
    expect(report.readSuite).toEqual({ ok: false, value: 'ENOENT' });
    expect(report.unmountAndReadSuite).toEqual({ ok: false, value: 'ENOENT' });
    expect(report.readStore).toEqual({ ok: false, value: 'ENOENT' });
    expect(report.readHome).toEqual({ ok: false, value: 'ENOENT' });
    expect(report.environ).toEqual({ ok: false, value: 'NOTFOUND' });
    expect(await readdir(world.root)).not.toContain('escaped.txt');
    expect(await readdir(outside)).toEqual([]);
    expect(await allGone(`escapee:${mark}`)).toBe(true);
  });

  test('the same agent unconfined reaches all of it (the test above can fail)', async () => {
    const { report, world, outside } = await probeRun('');
    expect(report.writeProject.ok).toBe(true);
    expect(report.writeOutside.ok).toBe(true);
    expect(report.readSuite).toEqual({ ok: true, value: expect.stringContaining('desk') as string });
    expect(report.unmountAndReadSuite.ok).toBe(true);
    expect(report.readStore).toEqual({ ok: true, value: expect.stringContaining('runs') as string });
    expect(report.readHome).toEqual({ ok: true, value: 'the-home-secret' });
    expect(report.environ).toEqual({ ok: true, value: 'PROBE_AGENTDEVEL_SECRET=sekrit-of-agentdevel' });
    expect(await readdir(world.root)).toContain('escaped.txt');
    expect(await readdir(outside)).toEqual(['escaped.txt']);
  });

  test('a program installed under HOME (a bin folder on PATH, as nvm or a virtualenv does) still runs, with its prefix; the rest of HOME stays hidden', async () => {
    const world = await deskWorld();
    const home = await tempDir();
    const script = '#!/bin/sh\nif cat "$PROBE_HOME/secret.txt" >/dev/null 2>&1; then s=seen; else s=hidden; fi\nprintf \'{"answer": "%s %s"}\\n\' "$(cat "$(dirname "$0")/../share/word")" "$s"\n';
    await mkdir(join(home, '.tools', 'bin'), { recursive: true });
    await mkdir(join(home, '.tools', 'share'));
    await writeFile(join(home, '.tools', 'bin', 'tool-agent'), script);
    await chmod(join(home, '.tools', 'bin', 'tool-agent'), 0o755);
    await writeFile(join(home, '.tools', 'share', 'word'), 'prefix-word');
    await writeFile(join(home, 'secret.txt'), 'the-home-secret');
    const agent = async (confine: string) => {
      const blueprint = await world.agent(`tool-agent${confine ? '-confined' : ''}`, { 'agent.yaml': `name: tool-agent${confine ? '-confined' : ''}\nkind: command\ncommand: [tool-agent]\nenv: [PROBE_HOME]\n${confine}` });
      const parentEnv = { ...process.env, HOME: home, PROBE_HOME: home, PATH: `${join(home, '.tools', 'bin')}:${process.env.PATH ?? ''}` };
      const result = await world.runner(blueprint, { tempRoot: await tempDir(), parentEnv, hidden: [world.root] }).runEpisode(world.input(world.desk, 'hello'));
      return result.output;
    };
    expect(await agent('confine: files\n')).toEqual({ answer: 'prefix-word hidden' });
    expect(await agent('')).toEqual({ answer: 'prefix-word seen' });
  });

  test('a confined agent still reaches the recording proxy and the tools on loopback', async () => {
    const world = await deskWorld();
    const runner = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs', 'confine: files\n')), { tempRoot: await tempDir(), hidden: [world.root] });
    const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17'));
    expect(result.outcome).toEqual({ status: 'completed' });
    expect((result.output as { answer: string }).answer).toBe('Order A17 shipped with UPS and arrives on 2024-05-02.');
    expect(result.usage.calls).toBe(3);
  });

  test('a sandbox that cannot start the program is an ECONFINE_UNAVAILABLE error, never the agent\'s fail; a confined crash stays a fail', async () => {
    const world = await deskWorld();
    const dir = await tempDir();
    const bwrap = join(dir, 'bwrap');
    // Passes the probe (its program is `true`), then fails to set up every episode's sandbox.
    const real = await findBubblewrap(process.env, 'the test needs it');
    await writeFile(bwrap, `#!/bin/sh\nfor last; do :; done\nif [ "$last" = true ]; then exec ${real.at(-1)!} "$@"; fi\necho "bwrap: Can't mount tmpfs on /newroot/tmp: Operation not permitted" >&2\nexit 1\n`);
    await chmod(bwrap, 0o755);
    const parentEnv = { ...process.env, AGENTDEVEL_BWRAP: bwrap };
    const broken = world.runner(await world.agent('loop-bot', await commandAgent('loop-bot', 'tool-loop.mjs', 'confine: files\n')), { tempRoot: await tempDir(), parentEnv });
    expect((await broken.runEpisode(world.input(world.desk, 'hello'))).outcome).toEqual({
      status: 'error',
      code: 'ECONFINE_UNAVAILABLE',
      reason: "the sandbox (bwrap) could not start the program: bwrap: Can't mount tmpfs on /newroot/tmp: Operation not permitted",
    });
    const crash = world.runner(await world.agent('crash-bot', await commandAgent('crash-bot', 'crash.mjs', 'confine: files\n')), { tempRoot: await tempDir() });
    expect((await crash.runEpisode(world.input(world.desk, 'hello'))).outcome).toEqual({ status: 'fail', reason: 'exit code 1' });
  });

  test('a confined agent that hangs is killed at its timeout, with everything it started', async () => {
    const world = await deskWorld();
    const blueprint = await world.agent('hang-bot', await commandAgent('hang-bot', 'escaper.mjs', 'env: [HANG_FLAG]\nconfine: files\ntimeoutMs: 1500\n'));
    const [tempRoot, flags] = [await tempDir(), await tempDir()];
    await writeFile(join(flags, 'hang'), '');
    const runner = world.runner(blueprint, { tempRoot, parentEnv: { ...process.env, HANG_FLAG: join(flags, 'hang') }, hidden: [world.root] });
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toMatchObject({ status: 'fail', reason: expect.stringContaining('timeout') as string });
    const folder = /escapee in (\S+?)"/.exec(JSON.stringify(result.trace))?.[1];
    expect(folder).toBeDefined();
    expect(await allGone(`escapee:${folder!}`)).toBe(true);
  });
});

test('`confine` is in the agent schema `agentdevel schema` writes, off by default', () => {
  expect(JSON.stringify(jsonSchemas()['agent.schema.json'])).toContain('"confine":{"default":"none","type":"string","enum":["none","files"]');
});

describe('confine: files where bubblewrap cannot run', () => {
  async function refusedRun(bwrap: string) {
    const world = await deskWorld();
    await world.agent('probe-bot', await commandAgent('probe-bot', 'confinement-prober.mjs', `${PROBE_ENV}confine: files\n`));
    const run = await runCli(['run', '--agent', 'probe-bot', '--suite', 'desk', '--quiet'], { cwd: world.root, env: { ...process.env, AGENTDEVEL_BWRAP: bwrap } });
    const runs = await readdir(join(world.root, '.agentdevel', 'runs')).catch(() => []);
    return { run, runs };
  }

  test('a missing bwrap is ECONFINE_UNAVAILABLE before any episode: exit 3, the fix named, no run recorded', async () => {
    const { run, runs } = await refusedRun('/nonexistent/bwrap');
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('ECONFINE_UNAVAILABLE');
    expect(run.stderr).toContain('agent probe-bot asks for `confine: files`, but /nonexistent/bwrap (AGENTDEVEL_BWRAP) is not an executable file');
    expect(run.stderr).toContain('apt-get install bubblewrap');
    expect(run.stderr).toContain('remove `confine: files`');
    expect(runs).toEqual([]);
  });

  test('a bwrap that cannot make a sandbox (user namespaces forbidden) is refused with what it said', async () => {
    const dir = await tempDir();
    const fake = join(dir, 'bwrap');
    await mkdir(dir, { recursive: true });
    await writeFile(fake, '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const { run, runs } = await refusedRun(fake);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain(`ECONFINE_UNAVAILABLE agent probe-bot asks for \`confine: files\`, but ${fake} cannot start a sandbox here: bwrap: setting up uid map: Permission denied`);
    expect(runs).toEqual([]);
  });
});
