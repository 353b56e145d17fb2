import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git } from '../ci/helpers.js';
import { addPrices, breakHours, commit, GIT_ENV, initRepo } from './check-fixture.js';

const ledger = async (root: string) => (await git(root, 'show', 'agentdevel/shop-assistant:releases/shop-assistant/ledger.jsonl')).split('\n').map((l) => JSON.parse(l) as Record<string, any>);

describe('agentdevel promote --from-check', () => {
  it('records the checked change on the version line, with the check as its evidence, in a fresh store as a later CI job has it', async () => {
    const root = await initRepo();
    await addPrices(root);
    const checked = await runCli(['check', '--out', 'pr-check', '--json'], { cwd: root, timeout: 60_000 });
    expect(checked.exitCode, checked.stderr).toBe(0);
    const check = (JSON.parse(checked.stdout) as { check: { id: string; runs: { baseline: string; candidate: string; confirmation: string[] } } }).check;
    await commit(root, 'the pull request, merged');
    // A later job: only the folder `check --out` wrote (an artifact), no store.
    await rm(join(root, '.agentdevel'), { recursive: true, force: true });

    const dry = await runCli(['promote', '--from-check', 'pr-check', '--dry-run'], { cwd: root, env: GIT_ENV });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing written');
    expect(await git(root, 'for-each-ref', '--format=%(refname)', 'refs/heads/agentdevel', 'refs/tags')).toBe('');

    const promoted = await runCli(['promote', '--from-check', 'pr-check'], { cwd: root, env: GIT_ENV, timeout: 60_000 });
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('promoted: shop-assistant@v1 (was shop-assistant@v0)');
    const [entry] = await ledger(root);
    expect(entry).toMatchObject({ iteration: 1, decision: 'accept', tag: 'shop-assistant@v1', runs: { baseline: check.runs.baseline, candidate: check.runs.candidate, confirmation: check.runs.confirmation } });
    expect(entry!.origin).toMatchObject({ kind: 'check', id: check.id, head: { ref: 'working tree', commit: null } });
    // The exact blueprint checked: the version's agent folder is the merged commit's.
    expect(await git(root, 'rev-parse', 'shop-assistant@v1:agents/shop-assistant')).toBe(await git(root, 'rev-parse', 'HEAD:agents/shop-assistant'));
    // The line starts where the check compared: the commit before the merge.
    expect(await git(root, 'rev-parse', 'shop-assistant@v0^{commit}')).toBe(await git(root, 'rev-parse', 'HEAD~1'));
    // The record commit names the check in a trailer and in its text.
    const message = await git(root, 'log', '-1', '--format=%B', 'agentdevel/shop-assistant');
    expect(message).toMatch(new RegExp(`^Agentdevel-Check: ${check.id}$`, 'm'));
    expect(message).toContain(`a change made by hand and gated by check ${check.id} (working tree against merge base with main)`);
    // Its audit report carries the check's evidence.
    const report = await git(root, 'show', `agentdevel/shop-assistant:${entry!.report as string}`);
    expect(report).toContain('<details><summary>F→P shop-faq/price-');
    expect(report).not.toContain('no diagnosis');
    // The user's branch and files are as they were; a second promote does nothing.
    expect(await git(root, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    const again = await runCli(['promote', '--from-check', 'pr-check'], { cwd: root, env: GIT_ENV });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('already promoted: iteration 1');
    expect(await ledger(root)).toHaveLength(1);
  }, 120_000);

  it('refuses a check that did not accept, a change edited after its check, and a folder with no check, writing nothing', async () => {
    const root = await initRepo();
    await breakHours(root);
    expect((await runCli(['check', '--out', 'rejected'], { cwd: root, timeout: 60_000 })).exitCode).toBe(10);
    const refused = await runCli(['promote', '--from-check', 'rejected'], { cwd: root, env: GIT_ENV });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^EPROMOTE_DECISION the check [0-9a-f]{16} of agent "shop-assistant" was decided reject, not accept/m);

    await git(root, 'checkout', '--quiet', '--', '.');
    await addPrices(root);
    expect((await runCli(['check', '--out', 'accepted'], { cwd: root, timeout: 60_000 })).exitCode).toBe(0);
    // Merged together with another edit of the agent: not the checked blueprint.
    await breakHours(root);
    await commit(root, 'prices and more');
    const edited = await runCli(['promote', '--from-check', 'accepted'], { cwd: root, env: GIT_ENV });
    expect(edited.exitCode).toBe(2);
    expect(edited.stderr).toMatch(/^EGATE_INPUT agents\/shop-assistant at HEAD \(tree [0-9a-f]{12}\) is not the blueprint the check [0-9a-f]{16} accepted/m);
    expect(await git(root, 'for-each-ref', '--format=%(refname)', 'refs/heads/agentdevel', 'refs/tags')).toBe('');

    const missing = await runCli(['promote', '--from-check', 'no-such-folder'], { cwd: root, env: GIT_ENV });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^ENOT_FOUND .*no-such-folder\/check\.json: no check record/m);
    expect(JSON.parse(await readFile(join(root, 'accepted', 'check.json'), 'utf8'))).toMatchObject({ decision: 'accept' });
  }, 120_000);
});
