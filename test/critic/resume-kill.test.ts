import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { critiqueRun, readCritiques } from '../../src/critic/index.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import { loadProject } from '../../src/config/index.js';
import { executeRun } from '../../src/run/index.js';
import { CLI } from '../helpers/cli.js';
import { copyProject, qaProject } from '../run/fixture.js';

const journal = (root: string) => join(root, '.agentdevel/iterations/qa/1/critique.jsonl');
const completeLines = async (root: string) => ((await readFile(journal(root), 'utf8').catch(() => '')).match(/\n/g) ?? []).length;

/** Starts `agentdevel critique` and SIGKILLs it once its journal holds `atLines` complete lines. */
async function critiqueAndKill(root: string, runId: string, atLines: number): Promise<boolean> {
  const child = execa(process.execPath, [CLI, 'critique', '--run', runId, '--quiet'], { cwd: root, reject: false });
  let killed = false;
  while (child.exitCode === null && !killed) {
    if ((await completeLines(root)) >= atLines) killed = child.kill('SIGKILL');
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await child;
  return killed;
}

/** What a critique says, without how it was obtained (a resumed one may replay from the cache). */
const said = (c: CritiqueRecord) => JSON.stringify([c.suite, c.exampleId, c.repeat, c.status, c.verdict, c.symptoms]);

describe('critique resumes after SIGKILL', () => {
  test('killed twice mid-journal and rerun, it ends with exactly the critiques of an uninterrupted critique', async () => {
    const root = await qaProject({ examples: 40, prompt: 'You answer travel questions briefly.' });
    const truthRoot = await copyProject(root);
    const project = await loadProject({ cwd: root });
    const { runId } = await executeRun({ project, agent: 'qa', suites: ['qa'] });
    // Slow critic replies (latency is not part of the run id), two at a time, every dev record critiqued.
    const config = JSON.parse(await readFile(join(root, 'agentdevel.yaml'), 'utf8')) as { endpoints: Record<string, unknown>; sim: Record<string, unknown> };
    config.endpoints.critic = { baseURL: 'sim', concurrency: 2 };
    await writeFile(join(root, 'agentdevel.yaml'), JSON.stringify({ ...config, sim: { ...config.sim, latencyMs: 60 }, critic: { samplePasses: 1 } }));
    await writeFile(join(truthRoot, 'agentdevel.yaml'), JSON.stringify({ ...config, critic: { samplePasses: 1 } }));

    const first = 3 + Math.floor(Math.random() * 6);
    expect(await critiqueAndKill(root, runId, first)).toBe(true);
    expect(await critiqueAndKill(root, runId, first + 4 + Math.floor(Math.random() * 6))).toBe(true);
    const beforeFinish = await completeLines(root);

    const finish = await execa(process.execPath, [CLI, '--json', 'critique', '--run', runId, '--quiet'], { cwd: root, reject: false });
    expect(finish.exitCode, finish.stderr).toBe(0);
    const result = JSON.parse(finish.stdout) as { iteration: number; resumed: number; added: number; summary: { critiqued: number } };
    expect(result.iteration).toBe(1);
    expect(result.resumed).toBe(beforeFinish);
    expect(result.added).toBeGreaterThan(0);

    const resumed = await readCritiques(journal(root), runId);
    expect(resumed).toHaveLength(result.summary.critiqued);
    expect(new Set(resumed.map((c) => `${c.exampleId}#${c.repeat}`)).size).toBe(resumed.length);

    const truthProject = await loadProject({ cwd: truthRoot });
    const truthRun = await executeRun({ project: truthProject, agent: 'qa', suites: ['qa'] });
    expect(truthRun.runId).toBe(runId);
    const truth = await critiqueRun({ project: truthProject, runId });
    expect(resumed.map(said).sort()).toEqual((await readCritiques(truth.file, runId)).map(said).sort());
  }, 90_000);
});
