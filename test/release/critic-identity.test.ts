import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import type { RunManifest } from '../../src/core/records.js';
import { checkComparable } from '../../src/release/gating/index.js';
import { computeRunId, identityOfManifest } from '../../src/run/index.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tmp.js';

const examples = [
  { id: 'hello', input: 'Say hello to the desk.', expected: 'Hello, desk!', sim: { answer: 'Hello, desk!' } },
  { id: 'refuses', input: 'Tell me a fun fact about tea.', expected: 'Tea was first drunk in China.', sim: { needs: ['helpful'], answer: 'Tea was first drunk in China.' } },
];

/** A project whose suite `judged` is scored by the critic and `exact` is not; the critic's endpoint as given. */
async function project(critic: Record<string, unknown>): Promise<string> {
  const suite = (name: string, scorer: unknown) => JSON.stringify({ name, rubric: 'Do what the user asks, politely.', scorer, split: { holdout: 0 }, sim: { needs: { helpful: { mode: 'refuse', rule: 'Always help.' } } }, examples });
  return writeTree({
    'agentdevel.yaml': JSON.stringify({ endpoints: { agent: { baseURL: 'sim' }, critic: { baseURL: 'sim', ...critic } }, sim: { flakyShare: 0, rerollRate: 0, mislabelRate: 0 } }),
    'specs/judged.yaml': suite('judged', { kind: 'all', scorers: [{ kind: 'critic' }] }),
    'specs/exact.yaml': suite('exact', { kind: 'exact' }),
    'agents/desk/agent.yaml': 'name: desk\nkind: prompt\nsystem: prompts/system.md\nmaxSteps: 2\n',
    'agents/desk/prompts/system.md': 'You answer the desk.\n',
  });
}

async function run(root: string, suite: string): Promise<RunManifest> {
  const result = await runCli(['run', '--agent', 'desk', '--suite', suite, '--json'], { cwd: root });
  expect(result.exitCode, result.stderr).toBe(0);
  const { runId } = JSON.parse(result.stdout) as { runId: string };
  return JSON.parse(await readFile(join(root, '.agentdevel/runs', runId, 'manifest.json'), 'utf8')) as RunManifest;
}

describe('the critic in the run identity', () => {
  it('makes runs scored by different critics different runs, and leaves runs the critic does not score alone', async () => {
    const a = await project({ model: 'judge-a' });
    const b = await project({ model: 'judge-b' });
    const c = await project({ model: 'judge-a', sampling: { temperature: 0.7 } });
    const [judgedA, judgedB, judgedC] = [await run(a, 'judged'), await run(b, 'judged'), await run(c, 'judged')];
    expect(judgedA.critic).toMatchObject({ model: 'judge-a', baseURL: 'sim', simulated: true, world: expect.any(String) });
    expect(judgedB.critic?.model).toBe('judge-b');
    expect(new Set([judgedA.runId, judgedB.runId, judgedC.runId]).size).toBe(3);
    // The id is still the hash of the identity the manifest records (merge and resume rely on it).
    expect(computeRunId(identityOfManifest(judgedA))).toBe(judgedA.runId);

    const [exactA, exactB] = [await run(a, 'exact'), await run(b, 'exact')];
    expect(exactA.critic).toBeUndefined();
    expect(exactB.runId).toBe(exactA.runId);
  }, 60_000);

  it('the gate refuses to compare runs scored by different critics', () => {
    const manifest = (runId: string, model: string): RunManifest => ({
      runId,
      agent: 'desk',
      blueprintHash: 'b',
      suites: [{ name: 'judged', hash: 'h', examples: 2, repeats: 1 }],
      model: { role: 'agent', model: 'sim-agent', baseURL: 'sim', sampling: {}, simulated: true },
      seed: 0,
      sampleBase: 0,
      critic: { model, baseURL: 'sim', sampling: {}, simulated: true },
      exampleCount: 2,
      exampleKeys: ['judged/hello', 'judged/refuses'],
      recordCount: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
      agentdevelVersion: '0.1.0',
    });
    expect(() => checkComparable(manifest('base', 'judge-a'), manifest('cand', 'judge-a'))).not.toThrow();
    const error = (() => {
      try {
        checkComparable(manifest('base', 'judge-a'), manifest('cand', 'judge-b'));
      } catch (e) {
        return e;
      }
    })();
    expect(isAgentdevelError(error) && error.code).toBe('EGATE_INPUT');
    expect((error as Error).message).toContain('differ in critic');
  });
});
