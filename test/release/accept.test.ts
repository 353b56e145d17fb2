import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { ledgerEntrySchema } from '../../src/core/ledger.js';
import { currentVersion, openReleaseLine, recordDecision } from '../../src/release/index.js';
import { recordWithAuditReport } from '../../src/release/record-with-report.js';
import { readIteration } from '../../src/store/index.js';
import { candidate, git, ledgerAt, PROMPT, releaseProject, userState } from './fixture.js';
import { gateFor, netBenefitAccept } from './gate-fixture.js';
import { iterationFile, writeJsonAtomic } from '../../src/store/index.js';
import type { LedgerEntry } from '../../src/core/ledger.js';

const REPORT = '# weather, iteration 1\n\nDecision: accept\n';

describe('promotion on accept', () => {
  it('moves the version branch to the RC plus a record commit, tags it, and leaves the user side exactly as it was', async () => {
    const { root, project } = await releaseProject();
    // The user is mid-work on the very agent: an unstaged edit, a staged file, an untracked file.
    await writeFile(join(root, 'agents/weather/prompts/system.md'), `${PROMPT}MY UNCOMMITTED EDIT\n`);
    await writeFile(join(root, 'agents/weather/notes.txt'), 'staged\n');
    await git(root, 'add', 'agents/weather/notes.txt');
    await writeFile(join(root, 'scratch.txt'), 'untracked\n');
    const rc = await candidate(project, 1);
    const before = await userState(root);

    const result = await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: REPORT });

    expect(await userState(root)).toEqual(before);
    expect(await readFile(join(root, 'agents/weather/prompts/system.md'), 'utf8')).toBe(`${PROMPT}MY UNCOMMITTED EDIT\n`);
    expect(result).toMatchObject({ status: 'promoted', decision: 'accept', branch: 'agentdevel/weather', version: { number: 1, tag: 'weather@v1' }, previous: { number: 0, tag: 'weather@v0', commit: rc.base } });
    const tip = await git(root, 'rev-parse', 'agentdevel/weather');
    expect(result.recordCommit).toBe(tip);
    expect(result.version.commit).toBe(tip);
    // The record commit sits on the RC commit, which sits on the old version: a fast-forward.
    expect(await git(root, 'rev-parse', `${tip}^`)).toBe(rc.rcCommit);
    expect(await git(root, 'rev-list', '--count', `${rc.base}..${tip}`)).toBe('2');
    expect(await git(root, 'diff', '--name-only', rc.rcCommit, tip)).toBe('releases/weather/ledger.jsonl\nreleases/weather/v1.md');
    // An annotated tag on the record commit; v0 marks where the line started.
    expect(await git(root, 'cat-file', '-t', 'weather@v1')).toBe('tag');
    expect(await git(root, 'rev-parse', 'weather@v1^{commit}')).toBe(tip);
    expect(await git(root, 'rev-parse', 'weather@v0^{commit}')).toBe(rc.base);
    expect(await git(root, 'show', `${tip}:releases/weather/v1.md`)).toBe(REPORT.trimEnd());
    // The RC branch is kept, unmoved.
    expect(await git(root, 'rev-parse', rc.rcBranch)).toBe(rc.rcCommit);

    const [line] = await ledgerAt(root, 'agentdevel/weather');
    expect(ledgerEntrySchema.parse(line)).toMatchObject({
      agent: 'weather',
      iteration: 1,
      decision: 'accept',
      version: 1,
      tag: 'weather@v1',
      parent: { version: 0, tag: 'weather@v0', commit: rc.base },
      rc: { branch: rc.rcBranch, commit: rc.rcCommit, base: rc.base },
      runs: { baseline: rc.state.baselineRunId, candidate: rc.state.rcRunId, confirmation: [] },
      suites: [{ name: 'weather', hash: 'suitehash0001' }],
      models: { agent: { model: 'sim-agent', simulated: true, sampling: { temperature: 0 } }, critic: { simulated: true }, engineer: { simulated: true } },
      gate: { policy: 'test', p2f: 0, f2p: 3, flaky: 0, pValue: 0.25 },
      simulated: true,
      report: 'releases/weather/v1.md',
      startedAt: '2026-01-01T00:00:00.000Z',
      gatedAt: '2026-01-01T00:02:00.000Z',
    });
    expect(await readIteration(project.storeDir, 'weather', 1)).toMatchObject({ outcome: 'accept', completed: { promote: expect.any(String) } });
    expect(await currentVersion(await openReleaseLine(project, 'weather'))).toMatchObject({ version: 1, tag: 'weather@v1', commit: tip, tip, tagged: true });
  });

  it('writes the facts as trailers git itself parses', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: REPORT });
    const message = await git(root, 'log', '-1', '--format=%B', 'agentdevel/weather');
    expect(message.split('\n')[0]).toBe('weather v1: accept iteration 1 (P2F 0, F2P 3)');
    expect(message).toContain('simulated world');
    const parsed = (await git(root, 'log', '-1', '--format=%(trailers:only,unfold)', 'agentdevel/weather')).trim();
    expect(parsed.split('\n')).toEqual([
      'Agentdevel-Agent: weather',
      'Agentdevel-Iteration: 1',
      'Agentdevel-Decision: accept',
      'Agentdevel-Version: 1',
      'Agentdevel-Parent-Version: 0',
      'Agentdevel-P2F: 0',
      'Agentdevel-F2P: 3',
      'Agentdevel-Flaky: 0',
      'Agentdevel-P-Value: 0.25',
      'Agentdevel-Gate-Policy: test',
      'Agentdevel-Accepted-Regressions: none',
      `Agentdevel-Baseline-Run: ${rc.state.baselineRunId}`,
      `Agentdevel-Candidate-Run: ${rc.state.rcRunId}`,
      `Agentdevel-RC: ${rc.rcCommit}`,
      'Agentdevel-Simulated: true',
    ]);
    const { stdout } = await import('execa').then(({ execa }) => execa('git', ['interpret-trailers', '--parse'], { input: message }));
    expect(stdout).toContain('Agentdevel-Decision: accept');
    expect(await git(root, 'tag', '-l', '--format=%(contents:subject)', 'weather@v1')).toBe('weather v1');
  });

  it('names every regression a net-benefit promotion ships: in the ledger line, the trailers and the audit report, with the line\'s budget', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1);
    const gate = netBenefitAccept();
    expect(gate.acceptedRegressions).toEqual(['weather/ex10']);
    await writeJsonAtomic(iterationFile(project.storeDir, 'weather', 1, 'gate.json'), gate);
    await recordWithAuditReport({ project, iteration: rc.state, gate, ledger: [], now: new Date('2026-12-01T00:00:00Z') });
    const [entry] = (await ledgerAt(root, 'agentdevel/weather')) as LedgerEntry[];
    expect(entry!.gate).toMatchObject({ policy: 'default', p2f: 1, f2p: 6, acceptedRegressions: ['weather/ex10'], budget: { alpha: 0.1, spend: 0.3, spentBefore: 0, spentAfter: 0 } });
    expect(entry!.gate!.budget!.level).toBeCloseTo(0.03, 15);
    expect(entry!.gate!.budget!.pValue).toBeLessThanOrEqual(0.03);
    const trailers = (await git(root, 'log', '-1', '--format=%(trailers:only,unfold)', 'agentdevel/weather')).trim().split('\n');
    expect(trailers).toContain('Agentdevel-Accepted-Regressions: weather/ex10');
    expect(trailers).toContain('Agentdevel-Budget-Level: 0.03');
    expect(trailers).toContain('Agentdevel-Budget-Spent: 0 of 0.1');
    const committed = await git(root, 'show', `agentdevel/weather:${entry!.report}`);
    expect(committed).toContain('Ships 1 confirmed regression, accepted because the fixes outweigh it');
    expect(committed).toContain('weather/ex10');
    expect(committed).toMatch(/False-promotion budget of the line: tested at level 0\.03/);
  });

  it('is pushable to a bare origin as it stands, and a second version pushes as a fast-forward', async () => {
    const { root, origin, project } = await releaseProject();
    const first = await candidate(project, 1);
    await recordDecision({ project, agent: 'weather', iteration: first.state, gate: gateFor('accept'), report: REPORT });
    const pusher = simpleGit({ baseDir: root });
    await pusher.push('origin', 'agentdevel/weather');
    await pusher.pushTags('origin');
    expect(await git(origin, 'rev-parse', 'agentdevel/weather')).toBe(await git(root, 'rev-parse', 'agentdevel/weather'));
    expect(await git(origin, 'cat-file', '-t', 'weather@v1')).toBe('tag');

    const second = await candidate(project, 2);
    expect(second.base).toBe(await git(root, 'rev-parse', 'agentdevel/weather'));
    const result = await recordDecision({ project, agent: 'weather', iteration: second.state, gate: gateFor('accept'), report: REPORT });
    expect(result).toMatchObject({ status: 'promoted', version: { number: 2, tag: 'weather@v2' }, previous: { number: 1, tag: 'weather@v1' } });
    // No force anywhere: a plain push is accepted, so nothing on the remote was rewritten.
    await pusher.push('origin', 'agentdevel/weather');
    await pusher.push('origin', 'weather@v2');
    expect(await git(origin, 'rev-parse', 'agentdevel/weather')).toBe(result.recordCommit);
    expect(await git(origin, 'rev-list', '--count', 'agentdevel/weather')).toBe('5');
    expect((await ledgerAt(origin, 'agentdevel/weather')).map((e) => [e.iteration, e.version])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('refuses an RC not made from the tip of the version line, writing nothing', async () => {
    const { root, project } = await releaseProject();
    const first = await candidate(project, 1);
    const stale = await candidate(project, 2); // made from the same v0 as the first
    await recordDecision({ project, agent: 'weather', iteration: first.state, gate: gateFor('accept'), report: REPORT });
    const refs = await git(root, 'for-each-ref');
    const error = await recordDecision({ project, agent: 'weather', iteration: stale.state, gate: gateFor('accept'), report: REPORT }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining('was not made from the tip of agentdevel/weather') });
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });

  it('records into releases/ of a project in a subfolder of its repository', async () => {
    const { root, project } = await releaseProject({ subfolder: 'bots' });
    const rc = await candidate(project, 1);
    const result = await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: REPORT });
    expect(result.files).toEqual(['bots/releases/weather/ledger.jsonl', 'bots/releases/weather/v1.md']);
    expect((await ledgerAt(root, 'agentdevel/weather', 'bots/releases/weather/ledger.jsonl'))[0]).toMatchObject({ report: 'bots/releases/weather/v1.md' });
  });
});
