import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, userState } from '../synthesis/git-fixture.js';
import { cli, meanTruth, promptOf, shippedProject, worldOf, type SynthesizeJson } from './chain.js';

describe('critique → diagnose → synthesize on the simulated world (prompt agent)', () => {
  it('turns a run of support-bot into one committed release candidate that truly fixes its targeted examples', async () => {
    const root = await shippedProject('support-bot', ['support-desk.yaml', 'support-desk.jsonl', 'support-desk.tools.mjs']);
    const head = await git(root, 'rev-parse', 'HEAD');
    const run = await cli<{ runId: string }>(root, ['run', '--agent', 'support-bot', '--suite', 'support-desk']);
    const critique = await cli<{ iteration: number; simulated: boolean }>(root, ['critique', '--run', run.runId]);
    expect(critique).toMatchObject({ iteration: 1, simulated: true });
    const diagnosis = await cli<{ diagnosis: { target: { status: string; targets: string[] } } }>(root, ['diagnose', '--agent', 'support-bot']);
    expect(diagnosis.diagnosis.target.status).toBe('targeted');

    // The user keeps working meanwhile: an unstaged edit and a staged one.
    await writeFile(join(root, 'agents/support-bot/prompts/tools.md'), 'my unsaved thoughts\n');
    await writeFile(join(root, 'notes.md'), 'staged\n');
    await git(root, 'add', 'notes.md');
    const before = await userState(root);

    const rc = await cli<SynthesizeJson>(root, ['synthesize', '--agent', 'support-bot']);
    expect(rc).toMatchObject({ status: 'committed', simulated: true, candidate: true, rcBranch: 'agentdevel/support-bot@rc-1', base: { branch: 'agentdevel/support-bot', commit: head } });
    expect(rc.intent.targets).toEqual(diagnosis.diagnosis.target.targets);
    expect(await userState(root)).toEqual(before);
    expect(await git(root, 'rev-parse', `${rc.rcCommit}^`)).toBe(head);
    expect((await git(root, 'diff', '--name-only', head, rc.rcCommit)).split('\n')).toEqual(rc.files.map((f) => `agents/support-bot/${f.path}`));
    expect(rc.files.every((f) => f.path.startsWith('prompts/'))).toBe(true);

    // Ground truth: under the RC's prompt the examples the engineer expects to fix truly pass more.
    const world = await worldOf(root, 'support-desk');
    await git(root, 'worktree', 'add', '--detach', join(root, '.agentdevel/base'), head);
    const basePrompt = await promptOf(join(root, '.agentdevel/base/agents/support-bot'));
    const rcPrompt = await promptOf(join(rc.worktree, 'agents/support-bot'));
    expect(meanTruth(world, 'support-desk', rc.intent.expectedFixes, rcPrompt)).toBeGreaterThan(meanTruth(world, 'support-desk', rc.intent.expectedFixes, basePrompt));

    const again = await runCli(['synthesize', '--agent', 'support-bot'], { cwd: root });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain(`already synthesized: agentdevel/support-bot@rc-1 at ${rc.rcCommit}`);
    expect(again.stdout).toContain('simulated world');
  }, 180_000);
});
