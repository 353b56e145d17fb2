import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLine, type LineResult, type StudyDocument } from '../../src/study/index.js';
import { runCli } from '../helpers/cli.js';
import { findAll, parseXml } from '../report/xml-check.js';
import { REPO, shippedSetup } from './shipped.js';

/**
 * `agentdevel study` as a user runs it, through the built CLI, in a folder holding copies of the
 * shipped agents, suites and gates: 2 lines × 2 iterations on the default world with 2 jobs
 * (worker threads), plus gates/lenient.
 */
let root: string;
let result: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'agentdevel-study-cli-'));
  for (const folder of ['agents', 'specs', 'gates']) await cp(join(REPO, folder), join(root, folder), { recursive: true });
  result = await runCli(['study', '--lines', '2', '--iterations', '2', '--jobs', '2', '--flaky', '0.08', '--reroll', '0.03', '--gate', 'lenient'], { cwd: root, timeout: 120_000 });
}, 150_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function timeless(line: LineResult) {
  const { seconds: _seconds, ...rest } = line;
  return rest;
}

describe('agentdevel study', () => {
  it('prints the Markdown table, labelled as simulated, with the world\'s parameters and every policy', () => {
    expect(result.stderr).not.toContain('EINTERNAL');
    expect(result.exitCode).toBe(0);
    const out = result.stdout;
    expect(out).toContain('**Simulated.**');
    expect(out).toContain('comes from the simulated world');
    expect(out).toMatch(/World parameters: mislabelRate 0\.1, broadRate 0\.3, malformedRate 0\.15, latencyMs 0/);
    expect(out).toContain('## flaky share 0.08 (default), re-roll rate 0.03 (default)');
    for (const policy of ['none', 'aggregate', 'strict', 'lenient', 'default', 'default/no-history', 'gates/lenient']) expect(out).toMatch(new RegExp(`^\\| ${policy.replace('/', '\\/')} \\| \\d`, 'm'));
    expect(out).toContain('Reproduce: `agentdevel study --agent support-bot --suite support-desk --lines 2 --iterations 2 --seed 1 --flaky 0.08 --reroll 0.03 --gate lenient`');
    expect(out).toMatch(/Took [\d.]+ s on 2 jobs: 28 iterations/);
  });

  it('writes study.md, study.json and study.html under .agentdevel/studies/<id>/, the JSON holding every line', async () => {
    const [id, ...others] = await readdir(join(root, '.agentdevel', 'studies'));
    expect(others).toEqual([]);
    const dir = join(root, '.agentdevel', 'studies', id!);
    expect((await readdir(dir)).sort()).toEqual(['study.html', 'study.json', 'study.md']);
    const doc = JSON.parse(await readFile(join(dir, 'study.json'), 'utf8')) as StudyDocument;
    expect(doc).toMatchObject({ schemaVersion: 1, id, simulated: true, agent: 'support-bot', lines: 2, iterations: 2, seed: 1, design: 'one-at-a-time', levels: [{ flakyShare: 0.08, rerollRate: 0.03 }] });
    expect(doc.suites).toEqual([{ name: 'support-desk', examples: 74, dev: expect.any(Number), holdout: expect.any(Number) }]);
    expect(doc.results.map((r) => [r.level, r.line, r.seed])).toEqual([[0, 0, 1], [0, 1, 2]]);
    expect(doc.summary).toHaveLength(7);
    expect(doc.summary.every((row) => row.lines === 2)).toBe(true);
    expect(await readFile(join(dir, 'study.md'), 'utf8')).toBe(`${result.stdout.slice(0, result.stdout.indexOf('\n\nWritten to'))}\n`);
  });

  it('gives the same lines in worker threads as in this thread, for the same seed', async () => {
    const [id] = await readdir(join(root, '.agentdevel', 'studies'));
    const doc = JSON.parse(await readFile(join(root, '.agentdevel', 'studies', id!, 'study.json'), 'utf8')) as StudyDocument;
    const setup = await shippedSetup(2, ['lenient']);
    const here = await runLine(setup, { level: 0, noise: { flakyShare: 0.08, rerollRate: 0.03 }, line: 1, seed: 2 });
    expect(JSON.parse(JSON.stringify(timeless(here)))).toEqual(timeless(doc.results[1]!));
  });

  it('writes a self-contained, well-formed HTML page with a chart per key measure, labelled as simulated', async () => {
    const [id] = await readdir(join(root, '.agentdevel', 'studies'));
    const html = await readFile(join(root, '.agentdevel', 'studies', id!, 'study.html'), 'utf8');
    const tree = parseXml(html, { doctype: true });
    expect(findAll(tree, 'script')).toEqual([]);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const charts = findAll(tree, 'svg');
    expect(charts.map((svg) => svg.attrs.id)).toEqual(['chart-trueHoldout', 'chart-regressionsShipped', 'chart-badReleases', 'chart-wronglyRejected', 'chart-observedP2FRate', 'chart-calls']);
    const bars = findAll(charts[0]!, 'g').filter((g) => g.attrs.class?.startsWith('pt'));
    expect(bars.map((g) => g.attrs['data-series'])).toEqual(['none', 'aggregate', 'strict', 'lenient', 'default', 'default/no-history', 'gates/lenient']);
    expect(html).toContain('Simulated.');
  });
});
