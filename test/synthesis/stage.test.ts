import { readFile, writeFile, mkdir, symlink, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { readIteration } from '../../src/store/index.js';
import { synthesizeIteration } from '../../src/synthesis/index.js';
import { writeCandidateFiles } from '../../src/synthesis/git/write-candidate.js';
import { tempDir } from '../helpers/tmp.js';
import { branches, git } from './git-fixture.js';
import { LOOKUP_RULE, weatherProject } from './stage-fixture.js';

describe('synthesize without a commit', () => {
  it('--dry-run asks the engineer and validates, but writes no ref, worktree or store file', async () => {
    const { root, project, iteration } = await weatherProject();
    const before = await readdir(iteration);
    const result = await synthesizeIteration({ project, agent: 'weather', dryRun: true });
    expect(result).toMatchObject({ status: 'dry-run', intent: { targets: ['missing-required-step'] }, base: { created: true } });
    expect(result.patch).toContain(`+${LOOKUP_RULE}`);
    expect(await branches(root)).toEqual(['main']);
    expect(await git(root, 'worktree', 'list')).not.toContain('worktrees');
    expect((await readdir(iteration)).sort()).toEqual(before.sort());
  });

  it('ends with no candidate and calls no engineer when the diagnosis found nothing actionable', async () => {
    const { root, project, iteration } = await weatherProject({ target: null, engineer: { baseURL: 'http://127.0.0.1:9/v1', model: 'unreachable' } });
    const result = await synthesizeIteration({ project, agent: 'weather' });
    expect(result).toMatchObject({ status: 'no-target', reason: expect.stringContaining('no actionable symptom') });
    expect(JSON.parse(await readFile(join(iteration, 'synthesis.json'), 'utf8'))).toMatchObject({ status: 'no-target', attempts: [] });
    expect(await readIteration(project.storeDir, 'weather', 1)).toMatchObject({ outcome: 'no-candidate' });
    expect(await branches(root)).toEqual(['agentdevel/weather', 'main']);
  });

  it('refuses while another live process synthesizes the iteration, and takes over a lock left by a dead one', async () => {
    const { project, iteration } = await weatherProject();
    await writeFile(join(iteration, 'synthesize.lock'), String(process.ppid));
    const error = await synthesizeIteration({ project, agent: 'weather' }).catch((e: unknown) => e);
    expect(isAgentdevelError(error) && error.code).toBe('EGIT_LOCKED');
    await writeFile(join(iteration, 'synthesize.lock'), '2147483646');
    expect(await synthesizeIteration({ project, agent: 'weather' })).toMatchObject({ status: 'committed' });
    expect(await readdir(iteration)).not.toContain('synthesize.lock');
  });

  it('refuses a project outside git with ENOT_GIT_REPO (bad input, exit 2)', async () => {
    const { project } = await weatherProject();
    const outside = { ...project, root: await tempDir() };
    const error = await synthesizeIteration({ project: outside, agent: 'weather' }).catch((e: unknown) => e);
    expect(isAgentdevelError(error) && [error.code, error.exitCode]).toEqual(['ENOT_GIT_REPO', 2]);
  });
});

describe('writing a candidate into its tree', () => {
  it('never follows a symlink out of the agent folder', async () => {
    const tree = await tempDir();
    const outside = await tempDir();
    await mkdir(join(tree, 'agent'));
    await symlink(outside, join(tree, 'agent/prompts'));
    const error = await writeCandidateFiles(join(tree, 'agent'), [{ path: 'prompts/system.md', content: 'pwned\n', executable: false }]).catch((e: unknown) => e);
    expect(isAgentdevelError(error) && error.code).toBe('EPATCH');
    expect(await readdir(outside)).toEqual([]);
    const escape = await writeCandidateFiles(join(tree, 'agent'), [{ path: '../escape.md', content: 'x', executable: false }]).catch((e: unknown) => e);
    expect(isAgentdevelError(escape) && escape.data).toEqual({ reason: 'path-escape' });
  });
});
