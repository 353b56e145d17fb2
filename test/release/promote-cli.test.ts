import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlakyMemory } from '../../src/gate/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { candidate, git, ledgerAt, releaseProject, repoSnapshot } from './fixture.js';

const MEMORY: FlakyMemory = { schemaVersion: 1, examples: { 'weather/oslo': { stableRuns: 1 }, 'weather/paris': { stableRuns: 0 } } };

describe('agentdevel promote', () => {
  it('promotes the accepted RC, prints the version, tag and commits, and says so again on a second run', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const first = await runCli(['promote', '--agent', 'weather'], { cwd: root });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    const tip = await git(root, 'rev-parse', 'agentdevel/weather');
    expect(first.stdout).toContain('promoted: weather@v1 (was weather@v0)');
    expect(first.stdout).toContain(`version branch: agentdevel/weather at ${tip}`);
    expect(first.stdout).toContain(`RC commit: ${rc.rcCommit} (agentdevel/weather@rc-1, kept)`);
    expect(first.stdout).toContain(`record commit: ${tip} (releases/weather/ledger.jsonl, releases/weather/v1.md, releases/weather/flaky.json)`);
    expect(first.stdout).toContain('git push origin agentdevel/weather weather@v1');
    expect(first.stdout).toContain('simulated world');
    // The audit report is src/report's Markdown, rendered from the iteration's files.
    const report = await git(root, 'show', 'agentdevel/weather:releases/weather/v1.md');
    expect(report).toContain('Accept: agent weather, iteration 1');
    expect(report).toMatch(/simulated/i);
    expect(await ledgerAt(root, 'agentdevel/weather')).toHaveLength(1);

    const refs = await git(root, 'for-each-ref');
    const second = await runCli(['promote', '--agent', 'weather', '--iteration', '1', '--json'], { cwd: root });
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'already-promoted', version: { number: 1, tag: 'weather@v1', commit: tip }, recordCommit: tip, simulated: true });
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });

  it('refuses a rejected or inconclusive RC (EPROMOTE_DECISION) and an ungated one, writing nothing', async () => {
    const { root, project } = await releaseProject();
    await candidate(project, 1, { decision: 'reject' });
    const before = await repoSnapshot(root);
    const rejected = await runCli(['promote', '--agent', 'weather'], { cwd: root });
    expect(rejected.exitCode).toBe(2);
    expect(rejected.stderr).toContain('EPROMOTE_DECISION iteration 1 of agent "weather" was gated reject, not accept');
    expect(rejected.stderr).toContain('max-p2f-rate');
    expect(await repoSnapshot(root)).toEqual(before);

    await candidate(project, 2, { decision: 'inconclusive' });
    const later = await repoSnapshot(root);
    const inconclusive = await runCli(['promote', '--agent', 'weather', '--iteration', '2', '--json'], { cwd: root });
    expect(inconclusive.exitCode).toBe(2);
    expect(JSON.parse(inconclusive.stdout)).toMatchObject({ error: { code: 'EPROMOTE_DECISION', data: { decision: 'inconclusive', failed: ['error-budget'] } } });

    await rm(join(project.storeDir, 'iterations/weather/2/gate.json'));
    const ungated = await runCli(['promote', '--agent', 'weather', '--iteration', '2'], { cwd: root });
    expect(ungated.exitCode).toBe(2);
    expect(ungated.stderr).toContain('ENOT_FOUND iteration 2 of agent "weather" has no gate.json');
    const bad = await runCli(['promote', '--iteration', 'two'], { cwd: root });
    expect(bad.stderr).toContain('EUSAGE --iteration two: expected an integer >= 1');
    expect(await repoSnapshot(root)).toEqual(later);
  });

  it('commits the gate\'s flaky memory in the promotion commit, so a fresh clone (a CI job) reads it from the version line', async () => {
    const { root, origin, project } = await releaseProject();
    await candidate(project, 1, { gate: { flakyMemory: MEMORY } });
    const promoted = await runCli(['promote', '--agent', 'weather'], { cwd: root });
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    // One commit holds the ledger line, the report and the memory.
    const changed = (await git(root, 'diff-tree', '--no-commit-id', '--name-only', '-r', 'agentdevel/weather')).split('\n').sort();
    expect(changed).toEqual(['releases/weather/flaky.json', 'releases/weather/ledger.jsonl', 'releases/weather/v1.md']);
    await git(root, 'push', '--quiet', 'origin', 'agentdevel/weather', 'weather@v1');

    const ci = join(await tempDir('agentdevel-ci-'), 'clone');
    await git(process.cwd(), 'clone', '--quiet', '--branch', 'agentdevel/weather', `file://${origin}`, ci);
    expect(JSON.parse(await readFile(join(ci, 'releases/weather/flaky.json'), 'utf8'))).toEqual(MEMORY);
  });

  it('refuses a gate.json whose flaky memory is malformed (EGATE_INPUT; promote and record alike), and promotes nothing when the memory cannot be written', async () => {
    const { root, project } = await releaseProject();
    await candidate(project, 1, { gate: { flakyMemory: { schemaVersion: 1, examples: { 'weather/oslo': { stableRuns: -1 } } } as never } });
    const before = await repoSnapshot(root);
    const bad = await runCli(['promote', '--agent', 'weather'], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('EGATE_INPUT');
    expect(bad.stderr).toContain('gate.json: flakyMemory.examples.weather/oslo.stableRuns');
    expect(bad.stderr).toContain('agentdevel gate --agent weather --iteration 1');
    expect(await repoSnapshot(root)).toEqual(before);
    // `record` (the CI path) checks the same memory the same way.
    const recorded = await runCli(['record', '--agent', 'weather'], { cwd: root });
    expect(recorded.exitCode).toBe(2);
    expect(recorded.stderr).toContain('EGATE_INPUT');
    expect(recorded.stderr).toContain('gate.json: flakyMemory.examples.weather/oslo.stableRuns');
    expect(await repoSnapshot(root)).toEqual(before);

    // The version line holds a folder where flaky.json goes: git cannot write the file, so the
    // branch, the tags and the iteration stay exactly as they were (no ledger line without it).
    const other = await releaseProject();
    await mkdir(join(other.root, 'releases/weather/flaky.json'), { recursive: true });
    await writeFile(join(other.root, 'releases/weather/flaky.json/keep'), 'a folder\n');
    await git(other.root, 'add', '--all');
    await git(other.root, 'commit', '--quiet', '-m', 'a folder in the way');
    await candidate(other.project, 1, { gate: { flakyMemory: MEMORY } });
    const refs = await git(other.root, 'for-each-ref');
    const iteration = await readFile(join(other.project.storeDir, 'iterations/weather/1/iteration.json'), 'utf8');
    const blocked = await runCli(['promote', '--agent', 'weather'], { cwd: other.root });
    expect(blocked.exitCode, blocked.stderr).toBe(3);
    expect(blocked.stderr).toMatch(/^EGIT .*releases\/weather\/flaky\.json/m);
    expect(await git(other.root, 'for-each-ref')).toBe(refs);
    expect(await readFile(join(other.project.storeDir, 'iterations/weather/1/iteration.json'), 'utf8')).toBe(iteration);
  });

  it('removes the RC\'s worktree that synthesize left once the promotion is recorded; the RC branch stays', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const before = await git(root, 'worktree', 'list', '--porcelain');
    await git(root, 'worktree', 'add', '--quiet', '--detach', join(project.storeDir, 'worktrees/weather/rc-1'), rc.rcCommit);
    const dry = await runCli(['promote', '--dry-run'], { cwd: root });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(await git(root, 'worktree', 'list', '--porcelain')).not.toBe(before);
    const promoted = await runCli(['promote'], { cwd: root });
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    expect(await git(root, 'worktree', 'list', '--porcelain')).toBe(before);
    expect(await git(root, 'rev-parse', rc.rcBranch)).toBe(rc.rcCommit);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const { root, project } = await releaseProject();
    await candidate(project, 1);
    const before = await repoSnapshot(root);
    const iteration = await readFile(join(project.storeDir, 'iterations/weather/1/iteration.json'), 'utf8');
    const result = await runCli(['promote', '--dry-run'], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('dry run: nothing written. It would:');
    expect(result.stdout).toContain('tag it weather@v1 (annotated)');
    expect(await repoSnapshot(root)).toEqual(before);
    expect(await readFile(join(project.storeDir, 'iterations/weather/1/iteration.json'), 'utf8')).toBe(iteration);
  });
});
