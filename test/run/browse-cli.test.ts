import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { breakHours, initRepo } from '../release/check-fixture.js';

/** A repository made by init, with two full runs: the committed agent (A) and a hand edit that drops the opening hours (B). */
let root: string;
let runA: string;
let runB: string;

async function run(args: string[]): Promise<{ runId: string; summary: { total: { records: number; pass: number } } }> {
  const done = await runCli(['run', '--json', ...args], { cwd: root, timeout: 60_000 });
  if (done.exitCode !== 0) throw new Error(done.stderr);
  return JSON.parse(done.stdout) as { runId: string; summary: { total: { records: number; pass: number } } };
}

describe('looking at runs without opening JSONL', () => {
  beforeAll(async () => {
    root = await initRepo(await mkdtemp(join(tmpdir(), 'agentdevel-browse-')));
    runA = (await run([])).runId;
    await breakHours(root);
    runB = (await run([])).runId;
  }, 90_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('runs: lists both, newest first, with agent, blueprint, suites, pass rate, records and errors', async () => {
    const listed = await runCli(['runs'], { cwd: root });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toMatch(/^run +agent +blueprint +suites +kind +pass rate +records +errors +created$/);
    expect(lines[1]).toMatch(new RegExp(`^${runB} +shop-assistant +[0-9a-f]{12} +shop-faq +full +\\d+\\.\\d% +24/24 +0 +\\d{4}-`));
    expect(lines[2]).toMatch(new RegExp(`^${runA} `));
    expect(listed.stdout).toContain('simulated world');
    const json = JSON.parse((await runCli(['runs', '--json', '--agent', 'nobody'], { cwd: root })).stdout) as { runs: unknown[] };
    expect(json.runs).toEqual([]);
  });

  it('show: the examples of a run, filtered by status and tag; one example with its full trace', async () => {
    const failing = await runCli(['show', runB, '--status', 'fail', '--json'], { cwd: root });
    const rows = (JSON.parse(failing.stdout) as { rows: Array<{ key: string; fail: number; reason: string | null }> }).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.fail).toBeGreaterThan(0);
    expect(rows.find((r) => r.key === 'shop-faq/hours-closing')?.reason).toContain('does not match /18:00/i');

    const tagged = await runCli(['show', runB, '--tag', 'price'], { cwd: root });
    expect(tagged.exitCode).toBe(0);
    const keys = tagged.stdout.split('\n').filter((l) => l.startsWith('shop-faq/')).map((l) => l.split(' ')[0]);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^shop-faq\/price-/);

    const one = await runCli(['show', runB, '--example', 'hours-closing'], { cwd: root });
    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.stdout).toContain('shop-faq/hours-closing repeat 0');
    expect(one.stdout).toContain('scorer: answer "On Fridays we close at 20:00."');
    expect(one.stdout).toMatch(/trace:\n +\[\d+\] model: On Fridays we close at 20:00\./);
  });

  it('compare: the flips between the two runs, labelled unconfirmed', async () => {
    const compared = await runCli(['compare', runA, runB], { cwd: root });
    expect(compared.exitCode, compared.stderr).toBe(0);
    expect(compared.stdout.split('\n')[1]).toMatch(/^UNCONFIRMED: /);
    expect(compared.stdout).toMatch(/^P→F +shop-faq\/hours-closing +dev +1\/1 +0\/1$/m);
    const json = JSON.parse((await runCli(['compare', runA, runB, '--json'], { cwd: root })).stdout) as { confirmed: boolean; flips: Array<{ status: string; direction: string }> };
    expect(json.confirmed).toBe(false);
    expect(json.flips.every((f) => f.status === 'unconfirmed')).toBe(true);
    const self = await runCli(['compare', runA, runA], { cwd: root });
    expect(self.stdout).toContain('note: the same blueprint');
  });

  it('run --tag / --example: a subset is a run of its own with only those examples', async () => {
    const byTag = await run(['--tag', 'hours']);
    // The scaffolded suite tags six examples hours (one of them price too).
    expect(byTag.summary.total.records).toBe(6);
    const byId = await run(['--example', 'greeting', 'shop-faq/price-service']);
    expect(byId.summary.total.records).toBe(2);
    expect([byTag.runId, byId.runId]).not.toContain(runB);
  }, 60_000);

  it('refuses what does not exist with coded errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['show', 'no-such-run'], /^ENOT_FOUND run no-such-run: no manifest/m],
      [['show', runB, '--status', 'broken'], /^EUSAGE --status broken: expected one of pass, fail, error/m],
      [['show', runB, '--example', 'nope'], /^ENOT_FOUND --example nope: run [0-9a-f]+ has no record of it/m],
      [['compare', runA, 'no-such-run'], /^ENOT_FOUND run no-such-run/m],
      [['run', '--example', 'nope'], /^EUSAGE --example nope: no example of that id/m],
      [['run', '--tag', 'nope'], /^EUSAGE --tag nope: no example of the suites run/m],
    ];
    for (const [args, error] of cases) {
      const refused = await runCli(args, { cwd: root });
      expect(refused.exitCode, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(error);
    }
  });
});
