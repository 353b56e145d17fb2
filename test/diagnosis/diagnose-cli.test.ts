import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/records.js';
import type { Diagnosis } from '../../src/diagnosis/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/**
 * The stage chain as a user runs it, on the shipped support-desk suite and support-bot agent
 * in the simulated world: `run` → `critique` (the real blind critic) → `diagnose`, with the
 * shipped example script and a broken one configured.
 */
const repo = join(import.meta.dirname, '../..');
let root: string;
let runId: string;
let records: RunRecord[];

const iterationDir = () => join(root, '.agentdevel/iterations/support-bot/1');
const read = (file: string) => readFile(join(iterationDir(), file), 'utf8');

async function cli(args: string[]) {
  const result = await runCli(args, { cwd: root, timeout: 120_000 });
  expect(result.stderr).not.toContain('EINTERNAL');
  return result;
}

// Shared by the tests of this file (made once: a run and a critique take seconds), so not a tempDir, which goes after each test.
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'agentdevel-diagnose-'));
  await cp(join(repo, 'agents/support-bot'), join(root, 'agents/support-bot'), { recursive: true });
  for (const file of ['support-desk.yaml', 'support-desk.jsonl', 'support-desk.tools.mjs']) await cp(join(repo, 'specs', file), join(root, 'specs', file));
  await cp(join(repo, 'diagnosis/tool-error-rate.mjs'), join(root, 'diagnosis/tool-error-rate.mjs'));
  await writeTree(
    {
      'agentdevel.yaml': [
        'diagnosis:',
        '  scripts:',
        '    - path: diagnosis/tool-error-rate.mjs',
        '    - path: diagnosis/broken.mjs',
        '      timeoutMs: 10000',
      ].join('\n'),
      'diagnosis/broken.mjs': "process.stderr.write('cannot cope\\n'); process.exit(2);\n",
    },
    root,
  );
  const run = await cli(['--json', 'run', '--agent', 'support-bot', '--suite', 'support-desk']);
  expect(run.exitCode).toBe(0);
  runId = (JSON.parse(run.stdout) as { runId: string }).runId;
  records = (await readFile(join(root, '.agentdevel/runs', runId, 'records.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunRecord);
  const critique = await cli(['critique', '--run', runId]);
  expect(critique.exitCode).toBe(0);
}, 120_000);

describe('agentdevel diagnose', () => {
  it('writes diagnosis.json and spec.md, marks the stage completed, prints the target and says the world is simulated', async () => {
    const result = await cli(['diagnose']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^diagnosis of iteration 1 of support-bot \(run [0-9a-f]{16}, simulated world\)$/m);
    expect(result.stdout).toMatch(/^ {2}(target: [a-z-]+ \(triggering tool|no actionable symptom)/m);
    expect(result.stdout).toContain('top symptoms');
    expect(result.stdout).toContain('script diagnosis/tool-error-rate.mjs: ok');
    expect(result.stdout).toContain('script diagnosis/broken.mjs: failed (exited with code 2)');
    // A failing user script is reported on stderr, not fatal.
    expect(result.stderr).toContain('warning: diagnosis script diagnosis/broken.mjs: failed');

    const diagnosis = JSON.parse(await read('diagnosis.json')) as Diagnosis;
    const spec = await read('spec.md');
    expect(diagnosis.schemaVersion).toBe(1);
    expect(diagnosis.input).toMatchObject({ agent: 'support-bot', iteration: 1, runIds: [runId], simulated: true });
    const dev = records.filter((r) => r.split === 'dev');
    expect(diagnosis.population.records).toBe(dev.length);
    expect(diagnosis.population.fail).toBe(dev.filter((r) => r.status === 'fail').length);
    expect(diagnosis.input.holdoutExcluded).toBe(records.length - dev.length);
    // The real critic labelled the fails, and the simulated agent's starting prompt leaves work to do.
    expect(diagnosis.population.failures.labelled).toBeGreaterThan(0);
    expect(diagnosis.target.status).toBe('targeted');
    const target = diagnosis.target.targets[0]!;
    expect(spec.match(/^Target: .*$/gm)).toEqual([`Target: ${target}`]);
    expect(spec).toMatch(/^Status: targeted$/m);
    expect(spec).toMatch(/^Triggering tool: [\w()-]+( [\w]+)*$/m);
    expect(spec).toMatch(/^Triggering tag: [\w()-]+( [\w]+)*$/m);
    expect(spec).toMatch(/^World: simulated$/m);
    expect(spec).toContain('simulated world');
    expect(diagnosis.expectedFlips.length).toBeGreaterThan(0);
    expect(diagnosis.regressionGuard.list.find((e) => e.key === 'support-desk/policy-price-match')?.mustPass ?? true).toBe(true);

    const [errorRate, broken] = diagnosis.userScripts;
    expect(errorRate).toMatchObject({ path: 'diagnosis/tool-error-rate.mjs', status: 'ok', exitCode: 0 });
    expect(errorRate!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((errorRate!.output as { tools: Array<{ tool: string }> }).tools.length).toBeGreaterThan(0);
    expect(broken).toMatchObject({ path: 'diagnosis/broken.mjs', status: 'failed', exitCode: 2, output: null });
    expect(broken!.stderr).toContain('cannot cope');
    expect(spec).toContain('### diagnosis/broken.mjs');

    const state = JSON.parse(await read('iteration.json')) as { completed: Record<string, string> };
    expect(Object.keys(state.completed).sort()).toEqual(['critique', 'diagnose']);
  });

  it('never lets a holdout example into diagnosis.json or spec.md', async () => {
    const holdout = new Set(records.filter((r) => r.split === 'holdout').map((r) => r.exampleId));
    expect(holdout.size).toBeGreaterThan(0);
    const json = await read('diagnosis.json');
    const spec = await read('spec.md');
    const ids = new Set([...json.matchAll(/"exampleId":"([^"]+)"/g)].map((m) => m[1]!));
    const keys = new Set([...`${json}\n${spec}`.matchAll(/support-desk\/([a-z0-9-]+)/g)].map((m) => m[1]!));
    expect(ids.size).toBeGreaterThan(0);
    for (const id of holdout) {
      expect(ids.has(id), id).toBe(false);
      expect(keys.has(id), id).toBe(false);
    }
  });

  it('gives byte-identical files when run again, and prints the whole diagnosis under --json', async () => {
    const before = [await read('diagnosis.json'), await read('spec.md')];
    const again = await cli(['--json', 'diagnose', '--agent', 'support-bot', '--iteration', '1']);
    expect(again.exitCode).toBe(0);
    expect([await read('diagnosis.json'), await read('spec.md')]).toEqual(before);
    const printed = JSON.parse(again.stdout) as { iteration: number; simulated: boolean; diagnosis: Diagnosis; files: { diagnosis: string } };
    expect(printed).toMatchObject({ iteration: 1, simulated: true });
    expect(`${JSON.stringify(printed.diagnosis)}\n`).toBe(before[0]);
    expect(printed.files.diagnosis).toBe(join(iterationDir(), 'diagnosis.json'));
  });

  it('refuses bad flags, a missing iteration and a damaged critique file with coded errors, writing nothing', async () => {
    const [flag, missing] = await Promise.all([cli(['diagnose', '--iteration', 'two']), cli(['diagnose', '--iteration', '9'])]);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain('EUSAGE --iteration two');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^ENOT_FOUND iteration 9 of agent "support-bot" does not exist/m);

    const copy = await tempDir('agentdevel-diagnose-bad-');
    await cp(root, copy, { recursive: true });
    const dir = join(copy, '.agentdevel/iterations/support-bot/1');
    const lines = (await readFile(join(dir, 'critique.jsonl'), 'utf8')).trim().split('\n');
    const broken = { ...JSON.parse(lines[1]!), verdict: 'maybe' };
    await writeFile(join(dir, 'critique.jsonl'), [lines[0], JSON.stringify(broken), ...lines.slice(2)].join('\n') + '\n');
    const specBefore = await readFile(join(dir, 'spec.md'), 'utf8');
    const bad = await runCli(['diagnose'], { cwd: copy });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^EDIAGNOSIS_INPUT .*critique\.jsonl: critique 2: verdict: /m);
    expect(await readFile(join(dir, 'spec.md'), 'utf8')).toBe(specBefore);

    // An iteration whose critique has not completed.
    await writeFile(join(dir, 'iteration.json'), JSON.stringify({ agent: 'support-bot', n: 1, baselineRunId: runId, completed: {} }));
    const early = await runCli(['diagnose'], { cwd: copy });
    expect(early.exitCode).toBe(2);
    expect(early.stderr).toMatch(/^ENOT_FOUND iteration 1 of agent "support-bot" has no completed critique/m);
    expect(early.stderr).toContain('agentdevel critique');
  });
});
