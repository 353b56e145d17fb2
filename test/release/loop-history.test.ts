import { createTwoFilesPatch } from 'diff';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import type { SimChatRequest, SimReply } from '../../src/llm/sim/types.js';
import { openReleaseLine } from '../../src/release/index.js';
import { gatherRefusals, type RefusalMemo } from '../../src/release/history/index.js';
import { loadSuites } from '../../src/suite/index.js';
import { HISTORY_HEADING } from '../../src/synthesis/index.js';
import { runCli } from '../helpers/cli.js';
import { simServer } from '../llm/helpers.js';
import { git } from '../synthesis/git-fixture.js';
import { ledgerOf, loopProject } from './loop-fixture.js';

const PROMPT = 'You answer travel questions briefly.';
/** Switches the `units` need's broad variant on: it fixes the units examples and breaks every plain-sailing one (q003, a must-pass, among them). */
const BROAD = 'Give every answer in kilometres, with its unit.';
const needs = { units: { mode: 'hallucinate', rule: 'Always state the unit of every quantity.', broad: { rule: BROAD, keywords: ['every answer in kilometres'], breaks: ['plain-sailing'], mode: 'hallucinate' } } };
const patch = createTwoFilesPatch('a/prompts/system.md', 'b/prompts/system.md', `${PROMPT}\n`, `${PROMPT}\n${BROAD}\n`, undefined, undefined, { context: 3 });
const intent = { targets: ['hallucinated-fact'], summary: 'State distances in kilometres.', expectedFixes: [] };

/** An engineer that proposes the same change whatever it is told, behind a real HTTP server; it keeps every request. */
async function stubbornEngineer() {
  const requests: SimChatRequest[] = [];
  const reply: SimReply = { content: JSON.stringify({ patch, intent }), toolCalls: [], finishReason: 'stop' };
  const server = await simServer({ responder: { respond: (request) => (requests.push(request), reply) } });
  return { url: server.url, requests };
}

const userText = (request: SimChatRequest) => request.messages.filter((m) => m.role === 'user').map((m) => String(m.content)).join('\n');

describe('the release loop and refused candidates', () => {
  it('never runs a candidate identical to a refused one, and shows the engineer what was refused and why', async () => {
    const engineer = await stubbornEngineer();
    const { root } = await loopProject({ examples: 24, needs, endpoints: { engineer: { baseURL: engineer.url, model: 'stubborn' } }, release: { iterations: 2 } });
    const result = await runCli(['release', '--agent', 'qa'], { cwd: root, timeout: 120_000 });
    expect(`${result.stdout}${result.stderr}`).toContain('iteration 2  v0 → v0  no candidate (duplicate: ');

    const [first, second] = await ledgerOf(root);
    expect(first).toMatchObject({ iteration: 1, decision: 'reject', intent: { targets: intent.targets, summary: intent.summary } });
    expect(first!.candidateHash).toMatch(/^[0-9a-f]{40}$/);
    expect(first!.diff).toEqual([{ path: 'prompts/system.md', action: 'modify', added: 1, removed: 0, lines: [`+ ${BROAD}`], moreLines: 0 }]);
    // Iteration 2 ran no candidate: every attempt gave iteration 1's candidate again.
    expect(second).toMatchObject({ iteration: 2, decision: 'no-candidate', rc: null, gate: null, duplicateOf: [1] });
    expect(second!.runs).toMatchObject({ candidate: null, confirmation: [] });
    expect(String(second!.reason)).toMatch(/^duplicate: the engineer repeated the refused candidate of iteration 1/);
    expect(await git(root, 'branch', '--list', 'agentdevel/qa@rc-2')).toBe('');
    const state = JSON.parse(await readFile(join(root, '.agentdevel', 'iterations', 'qa', '2', 'iteration.json'), 'utf8')) as { rcRunId?: string };
    expect(state.rcRunId).toBeUndefined();
    const synthesis = JSON.parse(await readFile(join(root, '.agentdevel', 'iterations', 'qa', '2', 'synthesis.json'), 'utf8')) as { attempts: Array<{ reason: string; duplicateOf: number; candidateHash: string }> };
    expect(synthesis.attempts.map((a) => [a.reason, a.duplicateOf, a.candidateHash])).toEqual([1, 2, 3].map(() => ['duplicate', 1, first!.candidateHash]));

    // The audit report committed with the line says why, as does the JUnit file.
    expect(await git(root, 'show', 'agentdevel/qa:releases/qa/iteration-2.md')).toContain('This iteration ended with no release candidate (duplicate: the engineer repeated the refused candidate of iteration 1');
    expect(await readFile(join(root, '.agentdevel', 'iterations', 'qa', '2', 'report.junit.xml'), 'utf8')).toContain('no release candidate in this iteration (duplicate: ');

    // The engineer's first request knew of no refusal; its second carries iteration 1's, with the examples it broke.
    expect(engineer.requests).toHaveLength(4);
    expect(userText(engineer.requests[0]!)).not.toContain(HISTORY_HEADING);
    const shown = userText(engineer.requests[1]!);
    expect(shown).toContain(HISTORY_HEADING);
    expect(shown).toContain('## Iteration 1: rejected by the gate');
    expect(shown).toContain(`- Intent: targets hallucinated-fact. ${intent.summary}`);
    expect(shown).toContain(`  + ${BROAD}`);
    expect(shown).toContain(`- Candidate tree: ${first!.candidateHash}`);
    expect(shown).toMatch(/- Refused by: [^\n]*must-pass/);
    // q003 passes before (a plain-sailing example, no need) and fails with the broad rule; its task, expected and both answers are quoted.
    expect(shown).toContain('  - qa/q003: task "Question 3: how far is landmark 3 from the station?"; expected "10 km"; answer before "10 km"; answer with the candidate "11 km"');
    // Holdout examples are never shown.
    const holdout = JSON.parse(await readFile(join(root, '.agentdevel', 'iterations', 'qa', '1', 'gate.json'), 'utf8')) as { flips: Array<{ key: string; split: string }> };
    for (const flip of holdout.flips.filter((f) => f.split === 'holdout')) expect(shown).not.toContain(flip.key);
    // The retry names the refused iteration.
    expect(userText(engineer.requests[2]!)).toContain('EPATCH duplicate): the change gives exactly the candidate of iteration 1');

    // The ledger alone still names what was refused, once the store has lost the iteration (a fresh clone, a CI job).
    const project = await loadProject({ cwd: root });
    const context = { project, line: await openReleaseLine(project, 'qa'), suites: await loadSuites(project, ['qa']) };
    const full = await gatherRefusals({ ...context, before: 3 });
    expect(full.map((r) => [r.iteration, r.outcome, r.regressions.length])).toEqual([[2, 'duplicate', 0], [1, 'reject', 5]]);
    expect(full[0]!.duplicateOf).toEqual([1]);
    // A release reads each recorded refusal once.
    const memo: RefusalMemo = new Map();
    const once = await gatherRefusals({ ...context, before: 3, memo });
    expect(once).toEqual(full);
    expect((await gatherRefusals({ ...context, before: 3, memo }))[1]).toBe(once[1]);
    await rm(join(root, '.agentdevel'), { recursive: true, force: true });
    const [, fromLedger] = await gatherRefusals({ ...context, before: 3 });
    expect(fromLedger).toMatchObject({ iteration: 1, outcome: 'reject', candidateHash: first!.candidateHash, intent: { summary: intent.summary }, diff: first!.diff, regressions: [] });
    expect(fromLedger!.rules.map((r) => r.rule)).toEqual(full[1]!.rules.map((r) => r.rule));
    expect(await gatherRefusals({ ...context, before: 1 })).toEqual([]);
  }, 180_000);
});
