import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { RunSummary } from '../../src/run/index.js';
import { qaProject } from './fixture.js';
import { journalLines, recordsOf } from './helpers.js';

interface RunJson {
  runId: string;
  simulated: boolean;
  summary: RunSummary;
}

async function runJson(root: string, args: string[] = []): Promise<RunJson> {
  const result = await runCli(['--json', 'run', '--agent', 'qa', ...args], { cwd: root });
  expect(result.stderr).not.toContain('EINTERNAL');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as RunJson;
}

describe('agentdevel run', () => {
  it('prints the run id and a summary whose numbers are the records, says the world is simulated, and resumes to a no-op', async () => {
    const root = await qaProject({ prompt: 'Answer briefly.' });
    const text = await runCli(['run', '--agent', 'qa', '--suite', 'qa'], { cwd: root });
    expect(text.exitCode).toBe(0);
    const runId = /^run ([0-9a-f]{16})/m.exec(text.stdout)?.[1];
    expect(runId).toBeDefined();
    expect(text.stdout).toContain('simulated world');
    expect(text.stderr).toContain('(simulated world)');

    const records = await recordsOf(root, runId!);
    expect(records).toHaveLength(24);
    const again = await runJson(root, ['--suite', 'qa']);
    expect(again.runId).toBe(runId);
    expect(again.simulated).toBe(true);
    expect(again.summary.ran).toBe(0);
    expect(await journalLines(root, runId!)).toBe(24);

    const { summary } = again;
    const count = (status: string, split?: string) => records.filter((r) => r.status === status && (!split || r.split === split)).length;
    expect(summary.total).toMatchObject({ records: 24, pass: count('pass'), fail: count('fail'), error: 0 });
    // Without the units rule, the examples needing it fail: some fails and some passes.
    expect(summary.total.fail).toBeGreaterThanOrEqual(8);
    expect(summary.total.pass).toBeGreaterThan(0);
    for (const group of summary.groups) {
      expect(group.pass).toBe(count('pass', group.split));
      expect(group.fail).toBe(count('fail', group.split));
      expect(group.passRate).toBeCloseTo(group.pass / (group.pass + group.fail));
    }
    expect(summary.groups.map((g) => g.split).sort()).toEqual(['dev', 'holdout']);
    expect(summary.recordUsage.calls).toBe(records.reduce((n, r) => n + r.usage.calls, 0));
    expect(summary.recordUsage.promptTokens).toBeGreaterThan(0);
    expect(summary.complete).toBe(true);
  });

  it('rejects bad flags and unknown names with a coded error and exit 2; exits 3 when every record is an infrastructure error', async () => {
    const root = await qaProject({ examples: 2 });
    const dead = await qaProject({ examples: 3, baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    const [shard, repeats, agent, unreachable] = await Promise.all([
      runCli(['run', '--agent', 'qa', '--shard', '5/4'], { cwd: root }),
      runCli(['run', '--agent', 'qa', '--repeats', 'two'], { cwd: root }),
      runCli(['run', '--agent', 'nobody'], { cwd: root }),
      runCli(['--json', 'run'], { cwd: dead }),
    ]);
    expect(shard.exitCode).toBe(2);
    expect(shard.stderr).toContain('EUSAGE --shard 5/4');
    expect(repeats.exitCode).toBe(2);
    expect(repeats.stderr).toContain('EUSAGE --repeats two');
    expect(agent.exitCode).toBe(2);
    expect(agent.stderr).toMatch(/^E[A-Z_]+ .*nobody/m);
    expect(unreachable.exitCode).toBe(3);
    expect(unreachable.stderr).toContain('every record');
    const summary = (JSON.parse(unreachable.stdout) as RunJson).summary;
    expect(summary.total).toMatchObject({ records: 3, error: 3, fail: 0, pass: 0 });
    expect(summary.simulated).toBe(false);
  });
});
