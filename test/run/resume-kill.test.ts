import { execa } from 'execa';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { executeRun } from '../../src/run/index.js';
import { CLI } from '../helpers/cli.js';
import { copyProject, qaProject } from './fixture.js';
import { key, outcomes, recordsOf, storeOf } from './helpers.js';

const TOTAL = 80;

async function journalText(root: string): Promise<string> {
  const runs = join(storeOf(root), 'runs');
  const ids = await readdir(runs).catch(() => [] as string[]);
  if (ids.length === 0) return '';
  return readFile(join(runs, ids[0]!, 'records.jsonl'), 'utf8').catch(() => '');
}

const completeLines = (text: string) => text.split('\n').length - 1;

/** Starts `agentdevel run` and SIGKILLs it once the journal holds `atLines` complete lines (or after `afterMs`). */
async function runAndKill(root: string, when: { atLines?: number; afterMs?: number }): Promise<{ killed: boolean; lines: number }> {
  const child = execa(process.execPath, [CLI, 'run', '--agent', 'qa', '--quiet'], { cwd: root, reject: false });
  const started = Date.now();
  let killed = false;
  while (child.exitCode === null && !killed) {
    const lines = completeLines(await journalText(root));
    if ((when.atLines !== undefined && lines >= when.atLines) || (when.afterMs !== undefined && Date.now() - started >= when.afterMs)) {
      killed = child.kill('SIGKILL');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  const result = await child;
  if (killed) expect(result.signal).toBe('SIGKILL');
  return { killed, lines: completeLines(await journalText(root)) };
}

describe('resume after SIGKILL', () => {
  it('a run killed with -9 at random points and restarted ends with exactly the records of an uninterrupted run', async () => {
    const root = await qaProject({ examples: TOTAL / 2, repeats: 2, latencyMs: 60, concurrency: 4 });
    const truthRoot = await copyProject(root);
    // The uninterrupted run, in a copy of the project (same files, same run id), meanwhile.
    const truth = loadProject({ cwd: truthRoot }).then((project) => executeRun({ project, agent: 'qa', suites: ['qa'] }));

    // Kill once at a random moment of start-up, then at random journal lengths.
    const points = [{ afterMs: 100 + Math.floor(Math.random() * 600) }];
    let at = 0;
    for (let i = 0; i < 3; i++) points.push({ atLines: (at += 4 + Math.floor(Math.random() * 16)) } as never);
    const seen: Array<{ killed: boolean; lines: number }> = [];
    for (const point of points) seen.push(await runAndKill(root, point));
    // The kills landed mid-run: the journal grew but was not complete.
    const killedMidRun = seen.filter((s) => s.killed && s.lines > 0 && s.lines < TOTAL);
    expect(killedMidRun.length, JSON.stringify({ points, seen })).toBeGreaterThanOrEqual(2);

    const finish = await execa(process.execPath, [CLI, '--json', 'run', '--agent', 'qa', '--quiet'], { cwd: root, reject: false });
    expect(finish.exitCode, finish.stderr).toBe(0);
    const { runId, summary } = JSON.parse(finish.stdout) as { runId: string; summary: { complete: boolean; ran: number } };
    expect(summary.complete).toBe(true);
    expect(summary.ran).toBeLessThan(TOTAL);

    // No record lost or duplicated: exactly one journal line per (example, repeat), none torn.
    const text = await journalText(root);
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as { suite: string; exampleId: string; repeat: number });
    expect(lines).toHaveLength(TOTAL);
    expect(new Set(lines.map(key)).size).toBe(TOTAL);

    expect((await truth).runId).toBe(runId);
    expect(outcomes(await recordsOf(root, runId))).toEqual(outcomes(await recordsOf(truthRoot, runId)));
  });

  it('Ctrl-C (SIGINT) stops the run with EINTERRUPTED (exit 3), its finished records journaled whole', async () => {
    const root = await qaProject({ examples: 40, latencyMs: 60, concurrency: 2 });
    const child = execa(process.execPath, [CLI, 'run', '--agent', 'qa', '--quiet'], { cwd: root, reject: false });
    while (child.exitCode === null && completeLines(await journalText(root)) < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/^EINTERRUPTED run [0-9a-f]{16} interrupted after \d+ new records?/m);
    const text = await journalText(root);
    expect(text.endsWith('\n')).toBe(true);
    const lines = completeLines(text);
    expect(lines).toBeGreaterThanOrEqual(3);
    expect(lines).toBeLessThan(40);
  });
});
