import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/release/index.js';
import { readIteration } from '../../src/store/index.js';
import { candidate, git, ledgerAt, noCandidate, PROMPT, releaseProject, userState } from './fixture.js';
import { gateFor } from './gate-fixture.js';

describe('recording a rejection', () => {
  it('commits only releases/<agent>/ on the line: the blueprint stays exactly as it was, the RC branch is kept, no tag is made', async () => {
    const { root, project } = await releaseProject();
    await writeFile(join(root, 'agents/weather/prompts/system.md'), `${PROMPT}MY UNCOMMITTED EDIT\n`);
    const rc = await candidate(project, 1, { decision: 'reject' });
    const before = await userState(root);
    const blueprint = await git(root, 'rev-parse', 'agentdevel/weather:agents/weather');
    const tags = await git(root, 'tag', '--list');

    const result = await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('reject'), report: '# rejected\n' });

    expect(result).toMatchObject({ status: 'recorded', decision: 'reject', version: { number: 0, tag: 'weather@v0', commit: rc.base }, files: ['releases/weather/ledger.jsonl', 'releases/weather/iteration-1.md'] });
    const tip = await git(root, 'rev-parse', 'agentdevel/weather');
    expect(await git(root, 'rev-parse', `${tip}^`)).toBe(rc.base);
    expect(await git(root, 'diff', '--name-only', rc.base, tip)).toBe('releases/weather/iteration-1.md\nreleases/weather/ledger.jsonl');
    expect(await git(root, 'rev-parse', 'agentdevel/weather:agents/weather')).toBe(blueprint);
    expect(await git(root, 'rev-parse', rc.rcBranch)).toBe(rc.rcCommit);
    expect(await git(root, 'tag', '--list')).toBe(tags);
    expect(await userState(root)).toEqual(before);
    expect(await ledgerAt(root, 'agentdevel/weather')).toEqual([
      expect.objectContaining({ iteration: 1, decision: 'reject', version: null, tag: null, rc: { branch: rc.rcBranch, commit: rc.rcCommit, base: rc.base }, gate: expect.objectContaining({ p2f: 2, f2p: 3 }), report: 'releases/weather/iteration-1.md' }),
    ]);
    const failed = (await ledgerAt(root, 'agentdevel/weather'))[0]?.gate as { reasons: Array<{ rule: string; passed: boolean }> };
    expect(failed.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['max-p2f-rate']);
    expect(await git(root, 'log', '-1', '--format=%s', 'agentdevel/weather')).toBe('weather iteration 1: reject, v0 kept (P2F 2, F2P 3)');
    expect(await git(root, 'log', '-1', '--format=%b', 'agentdevel/weather')).toContain('Rules not met: max-p2f-rate.');
    expect(await readIteration(project.storeDir, 'weather', 1)).toMatchObject({ outcome: 'reject', completed: { promote: expect.any(String) } });
  });

  it('records inconclusive and no-candidate iterations the same way, and a later accept builds on those records', async () => {
    const { root, project } = await releaseProject();
    const first = await candidate(project, 1, { decision: 'inconclusive' });
    const inconclusive = await recordDecision({ project, agent: 'weather', iteration: first.state, gate: gateFor('inconclusive'), report: '# inconclusive\n' });
    expect(inconclusive.status).toBe('recorded');
    const none = await noCandidate(project, 2);
    const noCandidateResult = await recordDecision({ project, agent: 'weather', iteration: none, gate: null, report: '# no candidate\n', reason: 'no actionable symptom: every failure is unlabelled' });
    expect(noCandidateResult).toMatchObject({ status: 'recorded', decision: 'no-candidate' });
    expect(await git(root, 'log', '-1', '--format=%s', 'agentdevel/weather')).toBe('weather iteration 2: no candidate, v0 kept');

    const third = await candidate(project, 3);
    expect(third.base).toBe(noCandidateResult.recordCommit);
    const accepted = await recordDecision({ project, agent: 'weather', iteration: third.state, gate: gateFor('accept'), report: '# accepted\n' });
    expect(accepted).toMatchObject({ status: 'promoted', version: { number: 1, tag: 'weather@v1' }, previous: { number: 0, commit: first.base } });
    const ledger = await ledgerAt(root, 'agentdevel/weather');
    expect(ledger.map((e) => [e.iteration, e.decision, e.version])).toEqual([
      [1, 'inconclusive', null],
      [2, 'no-candidate', null],
      [3, 'accept', 1],
    ]);
    expect(ledger[1]).toMatchObject({ rc: null, gate: null, reason: 'no actionable symptom: every failure is unlabelled' });
    expect(await git(root, 'ls-tree', '--name-only', 'weather@v1', 'releases/weather/')).toBe(
      ['releases/weather/iteration-1.md', 'releases/weather/iteration-2.md', 'releases/weather/ledger.jsonl', 'releases/weather/v1.md'].join('\n'),
    );
  });

  it('is idempotent, and never rewrites a record with another decision', async () => {
    const { root, project } = await releaseProject();
    const rc = await candidate(project, 1, { decision: 'reject' });
    await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('reject'), report: '# rejected\n' });
    const refs = await git(root, 'for-each-ref');
    const again = await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('reject'), report: '# rejected\n' });
    expect(again).toMatchObject({ status: 'already-recorded', decision: 'reject', recordCommit: await git(root, 'rev-parse', 'agentdevel/weather') });
    const other = await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor('accept'), report: '# accepted\n' }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'EGIT_STATE', message: expect.stringContaining('already recorded as reject') });
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });

  it('commits further files next to the ledger (the flaky memory), replacing them record by record, and refuses names that are records', async () => {
    const { root, project } = await releaseProject();
    const first = await candidate(project, 1, { decision: 'reject' });
    await recordDecision({ project, agent: 'weather', iteration: first.state, gate: gateFor('reject'), report: '# 1\n', releaseFiles: [{ name: 'flaky.json', content: '{"n":1}\n' }] });
    expect(await git(root, 'show', 'agentdevel/weather:releases/weather/flaky.json')).toBe('{"n":1}');
    const second = await noCandidate(project, 2);
    await recordDecision({ project, agent: 'weather', iteration: second, gate: null, report: '# 2\n', releaseFiles: [{ name: 'flaky.json', content: '{"n":2}\n' }] });
    expect(await git(root, 'show', 'agentdevel/weather:releases/weather/flaky.json')).toBe('{"n":2}');
    const refs = await git(root, 'for-each-ref');
    for (const name of ['ledger.jsonl', 'v1.md', 'iteration-3.md', '../agents/weather/agent.yaml', 'sub/x.json']) {
      const third = await noCandidate(project, 3);
      const error = await recordDecision({ project, agent: 'weather', iteration: third, gate: null, report: '# 3\n', releaseFiles: [{ name, content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'EINTERNAL', message: expect.stringContaining(`"${name}" is not a file recordDecision may write`) });
    }
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });
});
