import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatePolicy, loadProject } from '../../src/config/index.js';
import { AgentdevelError } from '../../src/core/errors.js';
import { writeTree } from '../helpers/tmp.js';

async function load(yaml: string) {
  const root = await writeTree({ 'gates/g.yaml': yaml });
  return loadGatePolicy(await loadProject({ cwd: root }), 'g');
}

async function refusal(yaml: string): Promise<AgentdevelError> {
  try {
    await load(yaml);
  } catch (error) {
    if (error instanceof AgentdevelError) return error;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

describe('gate policy files', () => {
  it('fill every default from an empty policy, named after the file', async () => {
    const policy = await load('{}\n');
    expect(policy).toMatchObject({ name: 'g', mode: 'flips', maxP2FRate: 0.01, minF2P: 1, confirmRuns: 3, mcnemar: { alpha: 0.05, require: 'no-regression' }, holdout: { maxDrop: 0.02 }, minIntentAlignment: 0.5, maxErrorRate: 0.02, mustPass: [], flaky: { clearAfterStableRuns: 3 } });
    expect(policy.maxP2F).toBeUndefined();
  });

  it('find the shipped policies by name where the project has no file of that name, and the project\'s own file first', async () => {
    const root = await writeTree({ 'gates/default.yaml': 'name: ours\nmode: aggregate\n' });
    const project = await loadProject({ cwd: root });
    expect(await loadGatePolicy(project, 'strict')).toMatchObject({ name: 'strict', mode: 'flips', maxP2FRate: 0.01 });
    expect(await loadGatePolicy(project, 'lenient')).toMatchObject({ name: 'lenient', mode: 'flips' });
    expect(await loadGatePolicy(project, 'default')).toMatchObject({ name: 'ours', mode: 'aggregate' });
    await expect(loadGatePolicy(project, 'stricter')).rejects.toMatchObject({ code: 'ENOT_FOUND', message: expect.stringContaining('gates/stricter.yaml'), details: expect.stringContaining('default, strict, lenient') });
    // A path is a path: no shipped fallback.
    await expect(loadGatePolicy(project, join(root, 'gates/strict.yaml'))).rejects.toMatchObject({ code: 'ENOT_FOUND' });
  });

  it('express the comparison policies as data', async () => {
    expect((await load('mode: always\n')).mode).toBe('always');
    expect((await load('mode: aggregate\n')).mode).toBe('aggregate');
    expect((await load('confirmRuns: 0\n')).confirmRuns).toBe(0);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['an unknown key', 'maxP2Frate: 0.01\n', /unknown key "maxP2Frate"/],
    ['an unknown mode', 'mode: vibes\n', /mode: /],
    ['an unknown McNemar requirement', 'mcnemar: {require: better}\n', /mcnemar\.require/],
    ['alpha of 1', 'mcnemar: {alpha: 1}\n', /mcnemar\.alpha/],
    ['an empty tag entry', 'mustPass: [a, "tag:"]\n', /mustPass\[1\]: expected a tag name after "tag:"/],
    ['a negative count', 'maxP2F: -1\n', /maxP2F/],
    ['a rate above 1', 'holdout: {maxDrop: 1.5}\n', /holdout\.maxDrop/],
    ['a zero clear count', 'flaky: {clearAfterStableRuns: 0}\n', /flaky\.clearAfterStableRuns/],
  ];
  for (const [name, yaml, message] of bad) {
    it(`refuse ${name} with the file, line and field (ECONFIG)`, async () => {
      const error = await refusal(yaml);
      expect(error.code).toBe('ECONFIG');
      expect(`${error.message}\n${JSON.stringify(error.data ?? {})}`).toMatch(/gates\/g\.yaml:\d+:\d+/);
      expect(`${error.message}\n${JSON.stringify(error.data ?? {})}`).toMatch(message);
    });
  }

  it('a policy that does not exist is ENOT_FOUND naming the shipped ones', async () => {
    const root = await writeTree({});
    await expect(loadGatePolicy(await loadProject({ cwd: root }), 'strictest')).rejects.toMatchObject({ code: 'ENOT_FOUND', details: expect.stringMatching(/default, strict, lenient/) });
  });
});
