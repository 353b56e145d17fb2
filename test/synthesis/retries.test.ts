import { describe, expect, it } from 'vitest';
import type { SimChatRequest, SimReply } from '../../src/llm/sim/types.js';
import { candidateTree, synthesizeCandidate } from '../../src/synthesis/index.js';
import { world } from '../llm/world-fixtures.js';
import { agentLayer, simServer } from '../llm/helpers.js';
import { rawServer, sendJson } from '../llm/raw-server.js';
import { diffOf, goodPatch, memoryBlueprint, RULE, SYSTEM_MD } from './fixtures.js';

const intent = { targets: ['missing-required-step'], summary: 'Look the order up first.', expectedFixes: ['o1'] };
const reply = (patch: string): SimReply => ({ content: JSON.stringify({ patch, intent }), toolCalls: [], finishReason: 'stop' });
const spec = 'Target: missing-required-step\n';

/** A scripted engineer behind a real HTTP server: answers in turn, and keeps every request it got. */
async function scriptedEngineer(answers: Array<(request: SimChatRequest) => SimReply>) {
  const requests: SimChatRequest[] = [];
  const server = await simServer({
    responder: {
      respond(request) {
        requests.push(request);
        const answer = answers[Math.min(requests.length, answers.length) - 1]!;
        return answer(request);
      },
    },
  });
  const { layer } = await agentLayer(server.url, {}, { cache: false });
  return { client: layer.client('engineer'), requests };
}

const malformed = `--- a/prompts/system.md\n+++ b/prompts/system.md\n@@ -1,9 +1,10 @@\n You are a helpful support agent.\n Answer briefly.\n+${RULE}\n`;

describe('synthesizeCandidate over HTTP', () => {
  it('sends a refused patch back with its exact error, then takes the corrected one', async () => {
    const { client, requests } = await scriptedEngineer([() => reply(malformed), () => reply(goodPatch())]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits: { maxAttempts: 3, maxPatchBytes: 65536 } });
    if (!result.ok) throw new Error(JSON.stringify(result.attempts));
    expect(result.attempts.map((a) => [a.ok, a.reason])).toEqual([
      [false, 'malformed'],
      [true, undefined],
    ]);
    expect(result.files).toEqual([{ path: 'prompts/system.md', content: `${SYSTEM_MD}${RULE}\n`, executable: false }]);
    expect(result.intent).toEqual(intent);
    // The second request carries the first reply and the error, word for word.
    const second = requests[1]!.messages;
    expect(second.at(-2)).toMatchObject({ role: 'assistant', content: JSON.stringify({ patch: malformed, intent }) });
    expect(second.at(-1)!.content).toContain(`EPATCH malformed): ${result.attempts[0]!.message}`);
    // What the engineer saw: the editable prompts, not agent.yaml or the script.
    const shown = String(requests[0]!.messages[1]!.content);
    expect(shown).toContain('## File: prompts/system.md');
    expect(shown).toContain('## File: prompts/tools.md');
    expect(shown).not.toContain('agent.yaml');
    expect(shown).not.toContain('console.log');
    expect(requests[0]!.response_format?.json_schema?.name).toBe('release_candidate');
  });

  it('says a reply cut at max_tokens was cut, not just that its JSON is invalid', async () => {
    const whole = JSON.stringify({ patch: goodPatch(), intent });
    const server = await rawServer((_, res, index) => {
      const [content, finish] = index === 0 ? [whole.slice(0, 60), 'length'] : [whole, 'stop'];
      sendJson(res, 200, { id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', content } }], usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 } });
    });
    const client = (await agentLayer(server.url, {}, { cache: false })).layer.client('engineer');
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits: { maxAttempts: 2, maxPatchBytes: 65536 } });
    expect(result.attempts[0]).toMatchObject({ ok: false, reason: 'invalid-reply', message: expect.stringContaining('cut at max_tokens (finish_reason "length")') });
    expect(result.ok).toBe(true);
  });

  it('ends with no candidate when every attempt is refused, with each reason recorded', async () => {
    const { client, requests } = await scriptedEngineer([
      () => reply(diffOf('scripts/check.mjs', 'console.log("ok");\n', 'process.exit(0);\n')),
      () => reply('--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-a\n+b\n'),
      () => reply(''),
    ]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits: { maxAttempts: 3, maxPatchBytes: 65536 } });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => a.reason)).toEqual(['not-editable', 'path-escape', 'empty']);
    expect(result.attempts.every((a) => a.message && a.message.length > 10)).toBe(true);
    expect(requests).toHaveLength(3);
  });

  it('sends back only a clipped summary of an oversize refused reply, so the retry fits where the first request fitted', async () => {
    const huge = diffOf('prompts/system.md', SYSTEM_MD, `${SYSTEM_MD}${'An over-long rule. '.repeat(6_000)}\n`);
    const { client, requests } = await scriptedEngineer([() => reply(huge), () => reply(goodPatch())]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits: { maxAttempts: 2, maxPatchBytes: 65536 } });
    expect(result.attempts.map((a) => a.reason)).toEqual(['oversize', undefined]);
    const [first, second] = requests.map((r) => JSON.stringify(r.messages).length);
    expect(Buffer.byteLength(JSON.stringify({ patch: huge, intent }))).toBeGreaterThan(100_000);
    expect(second! - first!).toBeLessThan(6_000);
    const echoed = String(requests[1]!.messages.at(-2)!.content);
    expect(echoed).toMatch(/… \[\d+ more characters\]$/);
    // Each attempt is its own draw.
    expect(requests[0]!.seed).not.toBe(requests[1]!.seed);
  });

  it('counts a reply outside the schema as an attempt (invalid-reply), as from a server that does not enforce it', async () => {
    // llama.cpp-like: whatever the model wrote comes back, schema or not.
    const contents = ['Sure! I would add a rule.', JSON.stringify({ patch: goodPatch(), intent: { ...intent, targets: [] } }), JSON.stringify({ patch: goodPatch(), intent })];
    const { url, received } = await rawServer((request, res, index) =>
      sendJson(res, 200, {
        id: `c${index}`,
        object: 'chat.completion',
        created: 0,
        model: 'any',
        choices: [{ index: 0, message: { role: 'assistant', content: contents[index] }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
    const { layer } = await agentLayer(url, {}, { cache: false });
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client: layer.client('engineer'), limits: { maxAttempts: 3, maxPatchBytes: 65536 } });
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => a.reason)).toEqual(['invalid-reply', 'invalid-reply', undefined]);
    expect(result.attempts[0]!.message).toContain('not valid JSON');
    expect(result.attempts[1]!.message).toContain('intent.targets');
    expect(JSON.stringify(received[2]!.body.messages)).toContain('EPATCH invalid-reply');
  });
  it('plays the retry path with the simulated world: a malformed first attempt, then a patch that truly fixes its examples', async () => {
    const w = world({ malformedRate: 1, broadRate: 0 });
    const server = await simServer({ responder: w });
    const { layer } = await agentLayer(server.url, {}, { cache: false });
    const blueprint = memoryBlueprint();
    const prompt = (files: Array<{ path: string; content: Buffer }>) => ['prompts/system.md', 'prompts/tools.md'].map((p) => files.find((f) => f.path === p)!.content.toString('utf8')).join('\n');
    const result = await synthesizeCandidate({ blueprint, spec: 'Target: missing-required-step\nExpected to flip: paris\n', exemplars: [], client: layer.client('engineer'), limits: { maxAttempts: 3, maxPatchBytes: 65536 } });
    if (!result.ok) throw new Error(JSON.stringify(result.attempts));
    expect(result.attempts).toHaveLength(2);
    expect(['malformed', 'path-escape']).toContain(result.attempts[0]!.reason);
    const after = prompt(candidateTree(blueprint.files, result.files));
    expect(w.truth('weather', 'paris', prompt(blueprint.files)).passProbability).toBe(0);
    expect(w.truth('weather', 'paris', after).passProbability).toBe(1);
    expect(result.intent.expectedFixes).toEqual(['paris']);
  });
});
