import { execa } from 'execa';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { release } from '../../src/release/loop/index.js';
import { readIteration } from '../../src/store/index.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject, tagsOf } from './loop-fixture.js';

/** `agentdevel release` armed to SIGKILL itself at a point; returns how it ended. */
async function releaseKilledAt(root: string, iterations: number, point: string | undefined) {
  const env = { ...process.env, ...(point ? { AGENTDEVEL_KILL_AT: point } : {}) };
  if (!point) delete env.AGENTDEVEL_KILL_AT;
  const result = await execa(process.execPath, [CLI, 'release', '--agent', 'qa', '--iterations', String(iterations), '--quiet'], { cwd: root, env, reject: false, extendEnv: false });
  return { signal: result.signal ?? null, exitCode: result.exitCode ?? null, output: `${result.stdout}\n${result.stderr}` };
}

/** What a ledger line says about the evidence, without times and commit ids (which differ between repositories). */
function evidence(entry: Record<string, unknown>) {
  const gate = entry.gate as Record<string, unknown> | null;
  return { iteration: entry.iteration, decision: entry.decision, version: entry.version, runs: entry.runs, gate: gate && { p2f: gate.p2f, f2p: gate.f2p, flaky: gate.flaky, pValue: gate.pValue } };
}

/**
 * The kill-and-rerun scenario: a release armed to SIGKILL itself at each point in turn, rerun
 * each time, then rerun to the end; compared with the same repository released without
 * interruption alongside (same commits, so the same run ids and evidence).
 */
export async function killAndRerun(points: string[], iterations: number): Promise<void> {
  const { root } = await loopProject({ examples: 24 });
  const copy = join(await tempDir(), 'copy');
  await cp(root, copy, { recursive: true });
  const truth = loadProject({ cwd: copy }).then((project) => release({ project, agent: 'qa', iterations }));

  for (const point of points) {
    const run = await releaseKilledAt(root, iterations, point);
    expect(run.signal, `${point}: ${run.output}`).toBe('SIGKILL');
  }
  const last = await releaseKilledAt(root, iterations, undefined);
  expect(last.exitCode, last.output).toBe(0);

  // Each iteration once, versions and tags agreeing, every accept tagged on the line's first-parent history.
  const ledger = await ledgerOf(root);
  const numbers = Array.from({ length: iterations }, (_, i) => i + 1);
  expect(ledger.map((e) => e.iteration)).toEqual(numbers);
  const accepted = ledger.filter((e) => e.decision === 'accept').map((e) => `qa@v${e.version}`);
  expect(await tagsOf(root)).toEqual(['qa@v0', ...accepted]);
  const line = (await git(root, 'rev-list', '--first-parent', 'agentdevel/qa')).split('\n');
  for (const tag of accepted) expect(line).toContain(await git(root, 'rev-parse', `${tag}^{commit}`));
  await git(root, 'fsck', '--no-dangling');
  const project = await loadProject({ cwd: root });
  for (const n of numbers) expect((await readIteration(project.storeDir, 'qa', n)).completed.promote).toBeDefined();

  // Resumed runs played each episode once: no run's journal holds a record twice.
  for (const entry of ledger) {
    const runs = entry.runs as { baseline: string; candidate: string | null; confirmation: string[] };
    for (const runId of [runs.baseline, runs.candidate, ...runs.confirmation].filter((id): id is string => id !== null)) {
      const journal = await readFile(join(project.storeDir, 'runs', runId, 'records.jsonl'), 'utf8');
      const manifest = JSON.parse(await readFile(join(project.storeDir, 'runs', runId, 'manifest.json'), 'utf8')) as { recordCount: number };
      expect(journal.trim().split('\n'), runId).toHaveLength(manifest.recordCount);
    }
  }

  // The same decisions, flips and runs as the release nobody interrupted.
  await truth;
  expect(ledger.map(evidence)).toEqual((await ledgerOf(copy)).map(evidence));
}
