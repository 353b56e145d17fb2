import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { openReleaseLine, parseLedger, readLineLedger, recordDecision, type LedgerEntry } from '../../src/release/index.js';
import { tempDir } from '../helpers/tmp.js';
import { candidate, git, noCandidate, releaseProject } from './fixture.js';
import { gateFor } from './gate-fixture.js';

const COMMIT = 'a'.repeat(40);

function entry(fields: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    schemaVersion: 1,
    agent: 'weather',
    iteration: 1,
    decision: 'reject',
    version: null,
    tag: null,
    parent: { version: 0, tag: 'weather@v0', commit: COMMIT },
    rc: null,
    runs: { baseline: null, candidate: null, confirmation: [] },
    suites: [],
    models: {},
    gate: null,
    usage: [],
    simulated: true,
    report: 'releases/weather/iteration-1.md',
    startedAt: null,
    gatedAt: null,
    recordedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

const lines = (...entries: unknown[]) => entries.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n') + '\n';

function parseError(text: string): { code: string; message: string } {
  try {
    parseLedger(text, 'weather', 'releases/weather/ledger.jsonl', 'agentdevel/weather at 1a2b3c4d5e6f');
  } catch (error) {
    if (isAgentdevelError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the ledger to be refused');
}

describe('the ledger', () => {
  it('stays valid JSON lines across many iterations of every outcome, one line each, versions rising by one', async () => {
    const { root, project } = await releaseProject();
    const outcomes = ['accept', 'reject', 'no-candidate', 'inconclusive', 'accept', 'accept', 'reject', 'no-candidate', 'accept'] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const n = i + 1;
      if (outcome === 'no-candidate') {
        await recordDecision({ project, agent: 'weather', iteration: await noCandidate(project, n), gate: null, report: `# ${n}\n`, reason: 'no actionable symptom' });
      } else {
        const rc = await candidate(project, n, { decision: outcome });
        await recordDecision({ project, agent: 'weather', iteration: rc.state, gate: gateFor(outcome), report: `# ${n}\n` });
      }
    }
    const text = await git(root, 'show', 'agentdevel/weather:releases/weather/ledger.jsonl');
    for (const line of text.split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    const ledger = await readLineLedger(await openReleaseLine(project, 'weather'));
    expect(ledger.map((e) => [e.iteration, e.decision, e.version])).toEqual(outcomes.map((o, i) => [i + 1, o, versionAfter(outcomes, i)]));
    expect(await git(root, 'tag', '--list', 'weather@v*')).toBe(['weather@v0', 'weather@v1', 'weather@v2', 'weather@v3', 'weather@v4'].join('\n'));
    // Each version's parent is the one before it; each rejection names the version it kept.
    expect(ledger.map((e) => e.parent.version)).toEqual([0, 1, 1, 1, 1, 2, 3, 3, 3]);
    // Nothing was rewritten: every record commit is in the line's first-parent history, in order.
    const subjects = (await git(root, 'log', '--first-parent', '--reverse', '--format=%s', 'weather@v0..agentdevel/weather')).split('\n').filter((s) => !s.startsWith('weather rc-'));
    expect(subjects).toHaveLength(outcomes.length);
  });

  it('reports a corrupt line committed on the version branch by its line number, and records nothing', async () => {
    const { root, project } = await releaseProject();
    const first = await candidate(project, 1, { decision: 'reject' });
    await recordDecision({ project, agent: 'weather', iteration: first.state, gate: gateFor('reject'), report: '# 1\n' });
    // Someone edits the ledger by hand on the version branch, in a worktree of their own.
    const wt = join(await tempDir('agentdevel-edit-'), 'wt');
    await git(root, 'worktree', 'add', '--quiet', wt, 'agentdevel/weather');
    const good = await git(wt, 'show', 'HEAD:releases/weather/ledger.jsonl');
    await writeFile(join(wt, 'releases/weather/ledger.jsonl'), `${good}\n{"schemaVersion": 1, "agent": "weather", oops}\n`);
    await git(wt, 'commit', '--quiet', '-am', 'hand edit');
    await git(root, 'worktree', 'remove', wt);
    const refs = await git(root, 'for-each-ref');

    const second = await noCandidate(project, 2);
    const error = await recordDecision({ project, agent: 'weather', iteration: second, gate: null, report: '# 2\n' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ELEDGER', message: expect.stringMatching(/^releases\/weather\/ledger\.jsonl:2 \(agentdevel\/weather at [0-9a-f]{12}\): not valid JSON/) });
    expect(error).toMatchObject({ data: { file: 'releases/weather/ledger.jsonl', line: 2 } });
    expect(await git(root, 'for-each-ref')).toBe(refs);
  });

  it('refuses, naming the line, whatever is not a ledger: a bad field, a repeated iteration, versions out of order, another agent, an empty line', () => {
    expect(parseError(lines(entry(), { ...entry({ iteration: 2 }), gate: { p2f: -1 } }))).toMatchObject({ code: 'ELEDGER', message: expect.stringMatching(/^releases\/weather\/ledger\.jsonl:2 \(agentdevel\/weather at 1a2b3c4d5e6f\): gate\.policy: /) });
    expect(parseError(lines(entry(), entry())).message).toContain('ledger.jsonl:2 (agentdevel/weather at 1a2b3c4d5e6f): iteration 1 is recorded a second time');
    const v = (n: number, version: number) => entry({ iteration: n, decision: 'accept', version, tag: `weather@v${version}` });
    expect(parseError(lines(v(1, 2), v(2, 1))).message).toContain(':2 (agentdevel/weather at 1a2b3c4d5e6f): version 1 follows version 2');
    expect(parseError(lines(entry({ agent: 'other' }))).message).toContain(':1 (agentdevel/weather at 1a2b3c4d5e6f): a record of agent "other"');
    expect(parseError(lines(entry(), '', entry({ iteration: 2 }))).message).toContain(':2 (agentdevel/weather at 1a2b3c4d5e6f): an empty line');
    expect(parseError(lines(entry({ decision: 'accept' }))).message).toContain('only an accept makes a version');
    expect(parseError(lines(entry({ decision: 'reject', version: 1, tag: 'weather@v1' }))).message).toContain('only an accept makes a version');
    expect(parseError(lines({ ...entry(), schemaVersion: 2 })).message).toContain(':1 (agentdevel/weather at 1a2b3c4d5e6f): schemaVersion: ');
  });

  it('reads an empty ledger, one without a final newline, and a project without one', async () => {
    expect(parseLedger('', 'weather', 'l', 'x')).toEqual([]);
    expect(parseLedger(JSON.stringify(entry()), 'weather', 'l', 'x')).toHaveLength(1);
    const { project } = await releaseProject();
    expect(await readLineLedger(await openReleaseLine(project, 'weather'))).toEqual([]);
  });
});

/** The version iteration i made: the count of accepts up to it, when it is one. */
function versionAfter(outcomes: readonly string[], i: number): number | null {
  return outcomes[i] === 'accept' ? outcomes.slice(0, i + 1).filter((o) => o === 'accept').length : null;
}
