import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { parseFileCommands } from './file-commands.js';
import { EDGE_ID, rejectingGate } from './gate-fixture.js';

/**
 * `agentdevel ci` on an iteration folder the stages would have written (iteration.json and a
 * rejecting gate.json), in a project scaffolded by init plus a JSON-lines suite whose example
 * id holds every character a workflow command escapes.
 */
async function projectWithGate(gate = rejectingGate()): Promise<string> {
  const root = await tempDir('agentdevel-ci-cmd-');
  const init = await runCli(['init', '--no-commit'], { cwd: root });
  if (init.exitCode !== 0) throw new Error(init.stderr);
  await writeFile(join(root, 'specs', 'edge.yaml'), 'name: edge\nfile: edge.jsonl\nscorer: {kind: exact}\n');
  await writeFile(join(root, 'specs', 'edge.jsonl'), [{ id: 'first', input: 'one', expected: 'one' }, { id: EDGE_ID, input: 'two', expected: 'two' }].map((e) => JSON.stringify(e)).join('\n') + '\n');
  const dir = join(root, '.agentdevel', 'iterations', 'shop-assistant', '2');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'iteration.json'), JSON.stringify({ agent: 'shop-assistant', n: 2, completed: { gate: '2026-01-01T00:00:00.000Z' } }));
  await writeFile(join(dir, 'gate.json'), JSON.stringify(gate));
  return root;
}

async function lineOf(file: string, text: string): Promise<number> {
  return (await readFile(file, 'utf8')).split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe('agentdevel ci', () => {
  it('in Actions: appends the report to the job summary, annotates P→F and flaky examples, sets the outputs', async () => {
    const root = await projectWithGate();
    const files = await tempDir('agentdevel-runner-');
    const summary = join(files, 'summary.md');
    const output = join(files, 'output');
    await writeFile(summary, 'an earlier step\n');
    await writeFile(output, 'earlier=1\n');
    const result = await runCli(['ci'], { cwd: root, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output } });
    expect(result.exitCode, result.stderr).toBe(0);

    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('an earlier step\n## ❌ Reject: agent shop-assistant, iteration 2, gate policy default')).toBe(true);
    expect(written).toContain('max-p2f-rate');

    const commands = result.stdout.split('\n').filter((l) => l.startsWith('::'));
    const price = await lineOf(join(root, 'specs', 'shop-faq.yaml'), '- id: price-service');
    const flaky = await lineOf(join(root, 'specs', 'shop-faq.yaml'), '- id: order-part');
    expect(commands).toEqual([
      `::error file=specs/edge.jsonl,line=2,title=P→F regression%3A edge/a%3Ab%2Cc%25d%0Ae::edge/a:b,c%25d%0Ae passes on the current version and fails on the release candidate, confirmed by reruns: baseline 4/4 passed, release candidate 0/4 passed`,
      `::error file=specs/shop-faq.yaml,line=${price},title=P→F regression%3A shop-faq/price-service::shop-faq/price-service passes on the current version and fails on the release candidate, confirmed by reruns: baseline 4/4 passed, release candidate 0/4 passed; a must-pass example`,
      `::warning file=specs/shop-faq.yaml,line=${flaky},title=Flaky%3A shop-faq/order-part::shop-faq/order-part changes its outcome against itself (its own samples disagree): reported, not counted as a regression or a fix; baseline 3/4 passed, release candidate 2/4 passed`,
    ]);
    expect(price).toBeGreaterThan(1);

    const text = await readFile(output, 'utf8');
    const delimiters = new Set([...text.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})$/gm)].map((m) => m[1]));
    expect(delimiters.size).toBe(1);
    expect(parseFileCommands(text)).toEqual({
      earlier: '1',
      decision: 'reject',
      p2f: '2',
      f2p: '1',
      flaky: '1',
      version: '',
      agent: 'shop-assistant',
      iteration: '2',
      'exit-code': '10',
      simulated: 'false',
    });
  });

  it('outside Actions prints what it would write and writes nothing', async () => {
    const root = await projectWithGate();
    const files = await tempDir('agentdevel-runner-');
    const output = join(files, 'output');
    await writeFile(output, '');
    const result = await runCli(['ci', '--agent', 'shop-assistant', '--iteration', '2'], { cwd: root, env: { GITHUB_ACTIONS: '', GITHUB_OUTPUT: output } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^not in GitHub Actions \(GITHUB_ACTIONS is not "true"\): this is what `agentdevel ci` would write there\./);
    expect(result.stdout).toContain('--- $GITHUB_STEP_SUMMARY (appended) ---\n## ❌ Reject: agent shop-assistant, iteration 2');
    expect(result.stdout).toContain('--- workflow commands (on stdout: 3) ---\n::error file=specs/edge.jsonl,line=2,');
    expect(result.stdout).toMatch(/--- \$GITHUB_OUTPUT ---\ndecision=reject\np2f=2\nf2p=1\n/);
    expect(await readFile(output, 'utf8')).toBe('');
    const json = await runCli(['ci', '--json'], { cwd: root, env: { GITHUB_ACTIONS: '' } });
    expect(JSON.parse(json.stdout)).toMatchObject({ step: 'report', inActions: false, outputs: { decision: 'reject', 'exit-code': '10' }, commands: expect.arrayContaining([expect.stringMatching(/^::warning /)]) });
  });

  it('refuses to run in Actions without the step files, and an unknown step (exit codes 3 and 2)', async () => {
    const root = await projectWithGate();
    const files = await tempDir('agentdevel-runner-');
    const summary = join(files, 'summary.md');
    await writeFile(summary, '');
    const result = await runCli(['ci'], { cwd: root, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: '' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/^ECI_ENV GITHUB_ACTIONS is true but GITHUB_OUTPUT is not set/m);
    expect(await readFile(summary, 'utf8')).toBe('');
    const unknown = await runCli(['ci', 'publish'], { cwd: root });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^EUSAGE ci publish: expected one of `agentdevel ci report`, `agentdevel ci plan`, `agentdevel ci check-plan`, `agentdevel ci check`, `agentdevel ci comment` \(report is the default\)/m);
  });
});
