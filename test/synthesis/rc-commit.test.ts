import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { readIteration, writeIteration } from '../../src/store/index.js';
import { synthesizeIteration } from '../../src/synthesis/index.js';
import { branches, git, userState } from './git-fixture.js';
import { LOOKUP_RULE, PROMPT, weatherProject } from './stage-fixture.js';

describe('the RC commit', () => {
  it('commits the candidate on its own branch from the version line, leaving the dirty tree and the index exactly as they were', async () => {
    const { root, origin, project, iteration } = await weatherProject();
    const head = await git(root, 'rev-parse', 'HEAD');
    // The user is mid-work: an unstaged edit of the very prompt, a staged edit, an untracked file.
    await writeFile(join(root, 'agents/weather/prompts/system.md'), `${PROMPT}UNCOMMITTED EDIT\n`);
    await writeFile(join(root, 'agents/weather/notes.txt'), 'staged edit\n');
    await git(root, 'add', 'agents/weather/notes.txt');
    await writeFile(join(root, 'scratch.txt'), 'untracked\n');
    const before = await userState(root);

    const result = await synthesizeIteration({ project, agent: 'weather' });

    expect(await userState(root)).toEqual(before);
    expect(await readFile(join(root, 'agents/weather/prompts/system.md'), 'utf8')).toBe(`${PROMPT}UNCOMMITTED EDIT\n`);
    expect(result).toMatchObject({ status: 'committed', rcBranch: 'agentdevel/weather@rc-1', base: { branch: 'agentdevel/weather', commit: head, created: true } });
    expect(await branches(root)).toEqual(['agentdevel/weather', 'agentdevel/weather@rc-1', 'main']);
    expect(await git(root, 'rev-parse', 'agentdevel/weather')).toBe(head);
    expect(await git(root, 'rev-parse', 'agentdevel/weather@rc-1')).toBe(result.rcCommit);
    expect(await git(root, 'rev-parse', `${result.rcCommit}^`)).toBe(head);
    // The candidate changes the committed prompt, not the user's uncommitted one.
    expect(await git(root, 'show', `${result.rcCommit}:agents/weather/prompts/system.md`)).toBe(`${PROMPT}${LOOKUP_RULE}`.trimEnd());
    expect(await git(root, 'diff', '--name-only', head, result.rcCommit!)).toBe('agents/weather/prompts/system.md');
    const message = await git(root, 'log', '-1', '--format=%B', result.rcCommit!);
    expect(message).toContain('Agentdevel-Iteration: 1');
    expect(message).toContain('simulated world');
    // Nothing reaches the remote.
    expect(await git(origin, 'for-each-ref', '--format=%(refname:short)')).toBe('main');

    const patch = await readFile(join(iteration, 'rc.patch'), 'utf8');
    expect(patch).toContain(`+${LOOKUP_RULE}`);
    expect(JSON.parse(await readFile(join(iteration, 'intent.json'), 'utf8'))).toMatchObject({ targets: ['missing-required-step'], expectedFixes: ['paris', 'oslo'] });
    const record = JSON.parse(await readFile(join(iteration, 'synthesis.json'), 'utf8'));
    expect(record).toMatchObject({ status: 'candidate', rcBranch: 'agentdevel/weather@rc-1', rcCommit: result.rcCommit, engineer: { simulated: true }, attempts: [{ attempt: 1, ok: true }] });
    expect(await readIteration(project.storeDir, 'weather', 1)).toMatchObject({ rcBranch: 'agentdevel/weather@rc-1', rcCommit: result.rcCommit, baselineCommit: head, completed: { synthesize: expect.any(String) } });
    // The worktree holds the RC checkout, for the candidate's run.
    expect(await readFile(join(result.worktree!, 'agents/weather/prompts/system.md'), 'utf8')).toBe(`${PROMPT}${LOOKUP_RULE}\n`);
  });

  it('does nothing on a rerun once the RC commit exists, and says so', async () => {
    const { root, project } = await weatherProject();
    const first = await synthesizeIteration({ project, agent: 'weather' });
    const refs = await git(root, 'for-each-ref');
    const again = await synthesizeIteration({ project, agent: 'weather' });
    expect(again).toMatchObject({ status: 'already-committed', rcBranch: first.rcBranch, rcCommit: first.rcCommit, intent: first.intent });
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });

  it('takes over a branch a killed run left with this very candidate, and refuses one holding another change', async () => {
    const { root, project } = await weatherProject();
    const first = await synthesizeIteration({ project, agent: 'weather' });
    const state = await readIteration(project.storeDir, 'weather', 1);
    // As if killed between the commit and the iteration's record.
    await writeIteration(project.storeDir, { agent: 'weather', n: 1, completed: state.completed });
    const again = await synthesizeIteration({ project, agent: 'weather' });
    expect(again).toMatchObject({ status: 'committed', rcCommit: first.rcCommit });

    await writeIteration(project.storeDir, { agent: 'weather', n: 1, completed: state.completed });
    await git(root, 'branch', '-f', 'agentdevel/weather@rc-1', 'main');
    const error = await synthesizeIteration({ project, agent: 'weather' }).catch((e: unknown) => e);
    expect(isAgentdevelError(error) && error.code).toBe('EGIT');
    expect(String((error as Error).message)).toContain('already exists and holds another change');
  });

  it('records no candidate (commit-failed) and removes its worktree when the commit differs from the candidate, leaving no branch', async () => {
    const { root, project } = await weatherProject();
    // A clean filter changes the prompt as git stores it: the commit is not the validated candidate.
    await writeFile(join(root, '.gitattributes'), 'agents/weather/prompts/*.md filter=upper\n');
    await git(root, 'add', '.gitattributes');
    await git(root, 'commit', '--quiet', '-m', 'attributes');
    await git(root, 'config', 'filter.upper.clean', 'tr a-z A-Z');
    const worktrees = await git(root, 'worktree', 'list', '--porcelain');
    const result = await synthesizeIteration({ project, agent: 'weather' });
    expect(result.status).toBe('no-candidate');
    expect(result.reason).toMatch(/^the candidate could not be committed: EGIT .*differs from the validated candidate/);
    expect(result.attempts.at(-1)).toMatchObject({ ok: false, reason: 'commit-failed' });
    expect(await readIteration(project.storeDir, 'weather', 1)).toMatchObject({ completed: { synthesize: expect.anything() } });
    expect(await git(root, 'worktree', 'list', '--porcelain')).toBe(worktrees);
    expect(await branches(root)).toEqual(['agentdevel/weather', 'main']);
  });

  it('reads the blueprint from the version branch, not from HEAD, once the branch exists', async () => {
    const { root, project } = await weatherProject();
    await git(root, 'branch', 'agentdevel/weather', 'HEAD');
    await writeFile(join(root, 'agents/weather/prompts/system.md'), 'A newer prompt on main.\n');
    await git(root, 'commit', '--quiet', '-am', 'newer prompt on main only');
    const result = await synthesizeIteration({ project, agent: 'weather' });
    expect(result.base).toMatchObject({ created: false });
    expect(await git(root, 'show', `${result.rcCommit}:agents/weather/prompts/system.md`)).toBe(`${PROMPT}${LOOKUP_RULE}`.trimEnd());
  });

});
