import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';
import { diagnosis, folderFiles, json, LEDGER, runRecords, RUNS } from './fixtures.js';
import { findAll, parseXml } from './xml-check.js';

/**
 * `agentdevel report` as a user runs it: a project whose store holds iteration 4 (every file),
 * iteration 5 (no candidate) and 6 (a broken gate.json), both runs of iteration 4, and a git
 * repository whose version branch `agentdevel/bot` holds the ledger of iterations 1-3.
 */
let root: string;

const jsonl = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join('\n') + '\n';
const store = (path: string) => `.agentdevel/${path}`;
const manifest = (runId: string) => ({ runId, agent: 'bot', model: { role: 'agent', model: 'sim-agent', baseURL: 'sim', sampling: {}, simulated: true }, recordCount: 48 });

async function cli(args: string[], cwd = root) {
  const result = await runCli(args, { cwd });
  expect(result.stderr).not.toContain('EINTERNAL');
  return result;
}

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'agentdevel-report-'));
  const records = runRecords();
  const files: Record<string, string> = { 'agentdevel.yaml': '{}\n', '.gitignore': '.agentdevel/\n' };
  for (const [name, content] of Object.entries(folderFiles())) files[store(`iterations/bot/4/${name}`)] = content;
  files[store(`runs/${RUNS.baseline}/manifest.json`)] = json(manifest(RUNS.baseline));
  files[store(`runs/${RUNS.baseline}/records.jsonl`)] = jsonl(records.baseline);
  files[store(`runs/${RUNS.candidate}/manifest.json`)] = json(manifest(RUNS.candidate));
  files[store(`runs/${RUNS.candidate}/records.jsonl`)] = jsonl(records.candidate);
  files[store('iterations/bot/5/iteration.json')] = json({ agent: 'bot', n: 5, completed: {}, baselineRunId: 'run-gone', outcome: 'no-candidate' });
  files[store('iterations/bot/5/diagnosis.json')] = json(diagnosis());
  files[store('iterations/bot/6/iteration.json')] = json({ agent: 'bot', n: 6, completed: {} });
  files[store('iterations/bot/6/gate.json')] = json({ schemaVersion: 1, decision: 'accept' });
  files['ledger-one.jsonl'] = jsonl([LEDGER[0]]);
  await writeTree(files, root);
  // The version line: a branch whose tree holds the ledger, made without touching the working tree.
  const git = simpleGit(root);
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', 'test').addConfig('user.email', 'test@example.com');
  await git.add(['agentdevel.yaml', '.gitignore']).commit('project');
  await git.checkoutLocalBranch('agentdevel/bot');
  await writeTree({ 'releases/bot/ledger.jsonl': jsonl(LEDGER) }, root);
  await git.add('releases/bot/ledger.jsonl').commit('ledger');
  await git.checkout('main');
}, 60_000);

describe('agentdevel report', () => {
  it('prints the Markdown report of an iteration, the decision first', async () => {
    const result = await cli(['report', '--agent', 'bot', '--iteration', '4']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('## ❌ Reject: agent bot, iteration 4, gate policy default (simulated world)');
    expect(result.stdout).toContain('| P→F | refund-1 | desk | dev | 3/3 | 0/3 |   | must-pass |');
    expect(result.stdout).toContain('Simulated world: these results come from');
    // Usage summed from the runs' records (48 per run, one call each), the critiques and synthesis.json.
    expect(result.stdout).toContain('| agent | 96 | 0 | 960 | 192 | — |');
  });

  it('renders JSON with the history read from the ledger on the version branch, and every example of both runs', async () => {
    const result = await cli(['report', '--agent', 'bot', '--iteration', '4', '--format', 'json']);
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(result.stdout) as Report;
    expect(doc.history.map((p) => [p.iteration, p.outcome])).toEqual([
      [1, 'accept'],
      [2, 'reject'],
      [3, 'no-candidate'],
      [4, 'reject'],
    ]);
    expect(doc.examples).toHaveLength(16);
    expect(doc.missing).toEqual([{ file: 'diagnosis.json of iterations 1, 2, 3', meaning: 'not in this store: the symptoms chart has no bar for them' }]);
  });

  it('writes JUnit XML to --out atomically and says where', async () => {
    const result = await cli(['report', '--agent', 'bot', '--iteration', '4', '--format', 'junit', '--out', 'out/report.xml']);
    expect(result.exitCode).toBe(0);
    const path = join(root, 'out/report.xml');
    expect(result.stdout).toMatch(new RegExp(`^wrote ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(junit, \\d+ bytes\\): reject, agent bot, iteration 4$`, 'm'));
    const doc = parseXml(await readFile(path, 'utf8'));
    expect(doc.attrs).toMatchObject({ tests: '17', failures: '3', errors: '1', skipped: '1' });
  });

  it('renders HTML with charts from a ledger file given by --ledger', async () => {
    const result = await cli(['report', '--agent', 'bot', '--iteration', '4', '--format', 'html', '--ledger', 'ledger-one.jsonl']);
    expect(result.exitCode).toBe(0);
    const doc = parseXml(result.stdout, { doctype: true });
    const flips = findAll(doc, 'svg').find((s) => s.attrs.id === 'chart-flips')!;
    const iterations = findAll(flips, 'g').filter((g) => g.attrs['data-iteration']).map((g) => g.attrs['data-iteration']);
    expect([...new Set(iterations)]).toEqual(['1', '4']);
  });

  it('renders an iteration that ended with no candidate, naming what is missing', async () => {
    const result = await cli(['report', '--agent', 'bot', '--iteration', '5']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('## ➖ No candidate: agent bot, iteration 5 (simulated world)');
    expect(result.stdout).toContain('> - gate.json: no gate result');
    expect(result.stdout).toContain('> - run run-gone: the baseline run is not in this store');
    expect(result.stdout).toContain('### Symptoms in the baseline');
  });

  it('says when there is no version line to read a ledger from', async () => {
    const bare = await writeTree({ 'agentdevel.yaml': '{}\n', [store('iterations/bot/5/iteration.json')]: json({ agent: 'bot', n: 5, completed: {}, outcome: 'no-candidate' }) });
    const result = await cli(['report', '--agent', 'bot'], bare);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^> - ledger: no version line to read it from \(.+\): the charts show this iteration only$/m);
  });

  it('refuses bad flags and broken files with coded errors', async () => {
    const [format, limit, broken, absent] = await Promise.all([
      cli(['report', '--agent', 'bot', '--format', 'pdf']),
      cli(['report', '--agent', 'bot', '--limit', '10']),
      cli(['report', '--agent', 'bot', '--iteration', '6']),
      cli(['report', '--agent', 'bot', '--iteration', '9']),
    ]);
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain('EUSAGE --format pdf: expected one of md, json, junit, html');
    expect(limit.exitCode).toBe(2);
    expect(limit.stderr).toContain('EUSAGE --limit 10');
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(/EREPORT_INPUT .*gate\.json: policy: /);
    expect(absent.exitCode).toBe(2);
    expect(absent.stderr).toContain('ENOT_FOUND iteration 9 of agent "bot" does not exist');
  });
});
