import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { executeRun, readRunRecords } from '../../src/run/index.js';
import type { RunRecord } from '../../src/core/records.js';
import { phrases } from '../../src/llm/sim/world/index.js';
import { writeTree } from '../helpers/tmp.js';
import { rawServer, sendJson } from '../llm/raw-server.js';

/**
 * `scorer: {kind: critic}` through the run stage: the run gives the scorer the critic role's
 * client, and the critic judges the blind view (no outcome yet) against the rubric.
 */
const examples = [
  // Needs nothing: answered right, nothing wrong to see.
  { id: 'hello', input: 'Say hello to the desk.', sim: { answer: 'Hello, desk!' } },
  { id: 'bye', input: 'Say goodbye to the desk.', sim: { answer: 'Goodbye, desk!' } },
  // The prompt lacks the "be helpful" rule: the agent refuses, which the critic sees.
  { id: 'refuses', input: 'Tell me a fun fact about tea.', sim: { needs: ['helpful'], answer: 'Tea was first drunk in China.' } },
  // A wrong fact with no signature: a blind critic without the reference answer cannot see it.
  { id: 'wrong-fact', input: 'How many cups are in a teapot?', sim: { needs: ['facts'], answer: '6 cups', wrong: '7 cups' } },
];

async function project(critic: Record<string, unknown> = { baseURL: 'sim' }) {
  const suite = {
    name: 'desk',
    rubric: 'A good answer does what the user asks, politely.',
    scorer: { kind: 'critic' },
    split: { holdout: 0 },
    sim: { needs: { helpful: { mode: 'refuse', rule: 'Always help.' }, facts: { mode: 'hallucinate', rule: 'Check your facts.' } } },
    examples,
  };
  return writeTree({
    'agentdevel.yaml': JSON.stringify({ endpoints: { agent: { baseURL: 'sim' }, critic: { maxRetries: 0, ...critic } }, sim: { flakyShare: 0, rerollRate: 0, mislabelRate: 0 }, critic: { maxAttempts: 2 } }),
    'specs/desk.yaml': JSON.stringify(suite),
    'agents/desk/agent.yaml': 'name: desk\nkind: prompt\nsystem: prompts/system.md\nmaxSteps: 2\n',
    'agents/desk/prompts/system.md': 'You answer the desk.\n',
  });
}

async function run(root: string): Promise<Map<string, RunRecord>> {
  const loaded = await loadProject({ cwd: root });
  const result = await executeRun({ project: loaded, agent: 'desk', suites: ['desk'] });
  const records = new Map<string, RunRecord>();
  for await (const record of readRunRecords(loaded.storeDir, result.runId)) records.set(record.exampleId, record);
  return records;
}

describe('the critic scorer', () => {
  test("passes what the critic finds clean and fails what it sees go wrong, with the critic's symptoms as feedback", async () => {
    const records = await run(await project());
    expect(records.get('hello')?.status).toBe('pass');
    expect(records.get('bye')?.status).toBe('pass');
    const refused = records.get('refuses')!;
    expect(refused.status).toBe('fail');
    expect(refused.feedback).toContain("the critic's verdict: fail");
    expect(refused.feedback).toContain('refusal');
    expect(refused.feedback).toContain(phrases.refusal);
    // Honest limit of a blind judge without the reference: the wrong fact looks like an answer.
    expect(records.get('wrong-fact')?.status).toBe('pass');
  });

  test('a critic that never answers in the schema makes error records (ECRITIC_REPLY), never guessed outcomes', async () => {
    const server = await rawServer((request, res) => sendJson(res, 200, { choices: [{ message: { role: 'assistant', content: 'I think it is fine' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 5 } }));
    const records = await run(await project({ baseURL: server.url, model: 'judge' }));
    expect([...records.values()].map((r) => [r.status, r.errorCode])).toEqual(examples.map(() => ['error', 'ECRITIC_REPLY']));
    expect(records.get('hello')?.reason).toContain('not valid JSON');
    // Two attempts per record, each with its own sample index (sent as the seed).
    expect(server.received).toHaveLength(examples.length * 2);
    expect(new Set(server.received.map((r) => r.body.seed)).size).toBe(2);
  });
});
