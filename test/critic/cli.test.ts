import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CritiqueRecord } from '../../src/core/critique.js';
import { runCli } from '../helpers/cli.js';
import { shippedProject } from './fixture.js';

/** `agentdevel critique` as a user runs it: the built CLI, on the shipped support-desk suite and agent. */
async function ranProject(): Promise<{ root: string; runId: string }> {
  const root = await shippedProject({ agents: ['support-bot'], suites: ['support-desk'] });
  const run = await runCli(['--json', '--quiet', 'run', '--agent', 'support-bot', '--suite', 'support-desk'], { cwd: root });
  expect(run.exitCode, run.stderr).toBe(0);
  return { root, runId: (JSON.parse(run.stdout) as { runId: string }).runId };
}

describe('agentdevel critique', () => {
  test('critiques the run into a new iteration, prints the labels, usage and that the critic is simulated; --json gives the same', async () => {
    const { root, runId } = await ranProject();
    const human = await runCli(['critique', '--run', runId], { cwd: root });
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toContain(`critique of run ${runId} → iteration 1 of support-bot`);
    expect(human.stdout).toMatch(/\d+ records critiqued \(\d+ fails, \d+ sampled passes\)/);
    expect(human.stdout).toMatch(/missing-required-step +\d+ in \d+/);
    expect(human.stdout).toMatch(/critic sim-critic: \d+ calls/);
    expect(human.stdout).toContain("note: simulated world: these labels come from agentdevel's built-in simulated critic");
    expect(human.stderr).toMatch(/critiquing run [0-9a-f]{16} into iteration 1: \d+ records selected, 0 already done/);

    const file = join(root, '.agentdevel/iterations/support-bot/1/critique.jsonl');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as CritiqueRecord);
    const iteration = JSON.parse(await readFile(join(root, '.agentdevel/iterations/support-bot/1/iteration.json'), 'utf8')) as { baselineRunId: string; completed: Record<string, string> };
    expect(iteration.baselineRunId).toBe(runId);
    expect(iteration.completed.critique).toMatch(/^\d{4}-\d\d-\d\dT/);

    const json = await runCli(['--json', 'critique', '--run', runId], { cwd: root });
    expect(json.exitCode, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { iteration: number; simulated: boolean; added: number; resumed: number; summary: { critiqued: number; unlabelled: number; labels: Array<{ label: string; symptoms: number }> } };
    expect(result).toMatchObject({ iteration: 1, simulated: true, added: 0, resumed: lines.length });
    expect(result.summary.critiqued).toBe(lines.length);
    expect(result.summary.unlabelled).toBe(0);
    const counted = new Map<string, number>();
    for (const symptom of lines.flatMap((c) => c.symptoms)) counted.set(symptom.label, (counted.get(symptom.label) ?? 0) + 1);
    expect(new Map(result.summary.labels.filter((l) => l.label !== 'other').map((l) => [l.label, l.symptoms]))).toEqual(new Map([...counted].filter(([label]) => label !== 'other')));
  });

  test('usage errors: no --run, a bad --iteration, an unknown run (exit 2 with the code)', async () => {
    const root = await shippedProject({ agents: ['support-bot'], suites: ['support-desk'] });
    const none = await runCli(['critique'], { cwd: root });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('EUSAGE critique needs the run to critique: --run <runId>');
    const bad = await runCli(['critique', '--run', 'abc', '--iteration', '0'], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('EUSAGE --iteration 0: expected an integer >= 1');
    const unknown = await runCli(['critique', '--run', '0123456789abcdef'], { cwd: root });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^ENOT_FOUND run 0123456789abcdef: no manifest/m);
  });
});
