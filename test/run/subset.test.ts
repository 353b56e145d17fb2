import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { isAgentdevelError } from '../../src/core/errors.js';
import { executeRun, readRunManifest } from '../../src/run/index.js';
import { qaProject } from './fixture.js';
import { recordsOf, storeOf } from './helpers.js';

describe('a run restricted to some examples (RunOptions.examples)', () => {
  it('plays only those examples, is its own run (the subset is in the run id) and resumes as itself', async () => {
    const root = await qaProject({ examples: 12 });
    const project = await loadProject({ cwd: root });
    const full = await executeRun({ project, agent: 'qa', suites: ['qa'] });
    const subset = await executeRun({ project, agent: 'qa', suites: ['qa'], examples: ['qa/q007', 'qa/q002', 'qa/q002'], repeats: 3, sampleBase: 100 });
    expect(subset.runId).not.toBe(full.runId);
    const records = await recordsOf(root, subset.runId);
    expect(records.map((r) => `${r.exampleId}#${r.repeat}`)).toEqual(['q002#0', 'q002#1', 'q002#2', 'q007#0', 'q007#1', 'q007#2']);
    const manifest = await readRunManifest(storeOf(root), subset.runId);
    expect(manifest).toMatchObject({ examples: ['qa/q002', 'qa/q007'], exampleKeys: ['qa/q002', 'qa/q007'], recordCount: 6, sampleBase: 100 });
    // The same subset in another order is the same run: nothing is played again.
    const again = await executeRun({ project, agent: 'qa', suites: ['qa'], examples: ['qa/q007', 'qa/q002'], repeats: 3, sampleBase: 100 });
    expect(again.runId).toBe(subset.runId);
    expect(again.summary.ran).toBe(0);
    expect((await readRunManifest(storeOf(root), full.runId)).examples).toBeUndefined();
  });

  it('refuses an empty list and keys the suites do not hold, naming them', async () => {
    const root = await qaProject({ examples: 4 });
    const project = await loadProject({ cwd: root });
    const refused = async (examples: string[]) => {
      try {
        await executeRun({ project, agent: 'qa', suites: ['qa'], examples });
      } catch (error) {
        if (isAgentdevelError(error)) return `${error.code} ${error.message}`;
        throw error;
      }
      throw new Error('expected a refusal');
    };
    expect(await refused([])).toMatch(/^EUSAGE .*empty list/);
    expect(await refused(['qa/q001', 'qa/nope', 'other/q001'])).toMatch(/^EUSAGE .*do not hold: other\/q001, qa\/nope/);
  });
});
