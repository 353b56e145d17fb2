import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { branches, git, userState } from '../synthesis/git-fixture.js';
import { cli, meanTruth, promptOf, shippedProject, worldOf, type SynthesizeJson } from './chain.js';
import { join } from 'node:path';

describe('critique → diagnose → synthesize on the simulated world (command agent)', () => {
  it('makes one release candidate of js-coder that changes only its prompt and truly helps its targeted examples', async () => {
    const root = await shippedProject('js-coder', ['js-functions.yaml']);
    const head = await git(root, 'rev-parse', 'HEAD');
    const run = await cli<{ runId: string }>(root, ['run', '--agent', 'js-coder', '--suite', 'js-functions']);
    await cli(root, ['critique', '--run', run.runId]);
    await cli(root, ['diagnose', '--agent', 'js-coder']);
    const before = await userState(root);

    const dry = await runCli(['synthesize', '--agent', 'js-coder', '--dry-run'], { cwd: root });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing committed');
    expect(dry.stdout).toContain('+++ b/prompts/system.md');
    expect(await branches(root)).toEqual(['main']);

    const rc = await cli<SynthesizeJson>(root, ['synthesize', '--agent', 'js-coder']);
    expect(rc).toMatchObject({ status: 'committed', simulated: true, rcBranch: 'agentdevel/js-coder@rc-1' });
    expect(await userState(root)).toEqual(before);
    expect(await git(root, 'diff', '--name-only', head, rc.rcCommit)).toBe('agents/js-coder/prompts/system.md');
    // The program itself is untouched: only the prompt it reads changed.
    expect(await git(root, 'diff', head, rc.rcCommit, '--', 'agents/js-coder/agent.mjs')).toBe('');

    const world = await worldOf(root, 'js-functions');
    const basePrompt = await promptOf(join(root, 'agents/js-coder'));
    const rcPrompt = await promptOf(join(rc.worktree, 'agents/js-coder'));
    expect(meanTruth(world, 'js-functions', rc.intent.expectedFixes, rcPrompt)).toBeGreaterThan(meanTruth(world, 'js-functions', rc.intent.expectedFixes, basePrompt));
  }, 180_000);
});
