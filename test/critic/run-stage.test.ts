import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { critiqueRun, readCritiques } from '../../src/critic/index.js';
import { loadProject } from '../../src/config/index.js';
import { executeRun } from '../../src/run/index.js';
import { readIteration } from '../../src/store/index.js';
import { qaProject } from '../run/fixture.js';

/** A finished run of the qa project (24 one-call examples, a third of them failing on the bare prompt). */
async function finishedRun(options: { samplePasses?: number } = {}) {
  const root = await qaProject({ prompt: 'You answer travel questions briefly.' });
  const config = JSON.parse(await readFile(join(root, 'agentdevel.yaml'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(root, 'agentdevel.yaml'), JSON.stringify({ ...config, critic: { samplePasses: options.samplePasses ?? 0.5 } }));
  const project = await loadProject({ cwd: root });
  const run = await executeRun({ project, agent: 'qa', suites: ['qa'] });
  return { root, project, runId: run.runId, summary: run.summary };
}

describe('critiqueRun (the file-level stage)', () => {
  test('opens an iteration on the run, journals one critique per selected record, marks the stage completed', async () => {
    const { project, runId, summary } = await finishedRun();
    const result = await critiqueRun({ project, runId });
    const devFails = summary.groups.find((g) => g.split === 'dev')!.fail;
    expect(result.iteration).toMatchObject({ agent: 'qa', n: 1, baselineRunId: runId });
    expect(result.iteration.completed.critique).toBeDefined();
    expect(await readIteration(project.storeDir, 'qa', 1)).toEqual(result.iteration);
    expect(result.summary.byStatus.fail).toBe(devFails);
    expect(result.summary.byStatus.pass).toBeGreaterThan(0);
    expect(result.added).toBe(result.summary.critiqued);
    expect(result.critic).toMatchObject({ model: 'sim-critic', simulated: true });
    expect(result.critic.usage.calls).toBe(result.summary.critiqued);
    const critiques = await readCritiques(result.file, runId);
    expect(critiques).toHaveLength(result.summary.critiqued);
    expect(critiques.every((c) => c.runId === runId && c.taxonomyVersion === 1 && c.critic.simulated)).toBe(true);
    expect(critiques.filter((c) => c.status === 'fail').every((c) => c.verdict === 'fail' && c.symptoms.length === 1)).toBe(true);
  });

  test('rerunning finds the work done (same iteration, nothing new); another iteration on the same run replays every call from the cache', async () => {
    const { project, runId } = await finishedRun();
    const first = await critiqueRun({ project, runId });
    const again = await critiqueRun({ project, runId });
    expect(again.iteration.n).toBe(1);
    expect(again).toMatchObject({ added: 0, resumed: first.summary.critiqued });
    expect(again.summary).toEqual(first.summary);
    expect(again.critic.usage.calls).toBe(0);

    // A decided iteration is not reopened: the next critique of the run starts iteration 2.
    await writeFile(join(project.storeDir, 'iterations/qa/1/iteration.json'), JSON.stringify({ ...first.iteration, outcome: 'reject' }));
    const next = await critiqueRun({ project, runId });
    expect(next.iteration.n).toBe(2);
    expect(next.critic.usage.cacheHits).toBe(next.critic.usage.calls);
    expect(next.summary.labels).toEqual(first.summary.labels);
  });

  test('--iteration: made when missing, refused when it improves on another run', async () => {
    const { project, runId } = await finishedRun();
    const made = await critiqueRun({ project, runId, iteration: 4 });
    expect(made.iteration).toMatchObject({ n: 4, baselineRunId: runId });
    await writeFile(join(project.storeDir, 'iterations/qa/4/iteration.json'), JSON.stringify({ ...made.iteration, baselineRunId: 'f00dfeedf00dfeed' }));
    await expect(critiqueRun({ project, runId, iteration: 4 })).rejects.toMatchObject({ code: 'EUSAGE', message: expect.stringContaining('improves on run f00dfeedf00dfeed, not on run') });
  });

  test('an interrupted critique keeps what it finished (EINTERRUPTED) and the rerun makes only the rest', async () => {
    const { project, runId } = await finishedRun({ samplePasses: 1 });
    const controller = new AbortController();
    let seen = 0;
    const interrupted = critiqueRun({
      project,
      runId,
      critic: { inFlight: 2 },
      signal: controller.signal,
      onCritique: () => {
        if (++seen === 5) controller.abort(new Error('stop'));
      },
    });
    await expect(interrupted).rejects.toMatchObject({ code: 'EINTERRUPTED' });
    const file = join(project.storeDir, 'iterations/qa/1/critique.jsonl');
    const kept = await readCritiques(file, runId);
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect((await readIteration(project.storeDir, 'qa', 1)).completed.critique).toBeUndefined();

    const resumed = await critiqueRun({ project, runId });
    expect(resumed.iteration.n).toBe(1);
    expect(resumed.resumed).toBe(kept.length);
    expect(resumed.added + resumed.resumed).toBe(resumed.summary.critiqued);
    const all = await readCritiques(file, runId);
    expect(new Set(all.map((c) => `${c.exampleId}#${c.repeat}`)).size).toBe(all.length);
  });

  test('refuses an unknown run, an unfinished run and a suite changed since the run', async () => {
    const { root, project, runId } = await finishedRun();
    await expect(critiqueRun({ project, runId: '0123456789abcdef' })).rejects.toMatchObject({ code: 'ENOT_FOUND' });

    const records = join(project.storeDir, 'runs', runId, 'records.jsonl');
    const text = await readFile(records, 'utf8');
    await writeFile(records, text.split('\n').slice(3).join('\n'));
    await expect(critiqueRun({ project, runId })).rejects.toMatchObject({ code: 'ERUN_INCOMPLETE', message: expect.stringContaining('has 21 of its 24 records') });
    await writeFile(records, text);

    const suite = join(root, 'specs/qa.yaml');
    await writeFile(suite, (await readFile(suite, 'utf8')).replace('Question 0:', 'Question zero:'));
    await expect(critiqueRun({ project, runId })).rejects.toMatchObject({ code: 'ERUN_MISMATCH', message: expect.stringContaining('suite "qa" changed since run') });
  });
});
