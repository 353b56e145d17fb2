import { describe, expect, it } from 'vitest';
import type { SimChatRequest, SimReply } from '../../src/llm/sim/types.js';
import { diffSummary, HISTORY_HEADING, synthesizeCandidate, validatePatch, type RefusedCandidate } from '../../src/synthesis/index.js';
import { agentLayer, simServer } from '../llm/helpers.js';
import { diffOf, goodPatch, memoryBlueprint, SYSTEM_MD } from './fixtures.js';

const intent = { targets: ['missing-required-step'], summary: 'Look the order up first.', expectedFixes: [] };
const reply = (patch: string): SimReply => ({ content: JSON.stringify({ patch, intent }), toolCalls: [], finishReason: 'stop' });
const spec = 'Target: missing-required-step\n';
const otherPatch = () => diffOf('prompts/system.md', SYSTEM_MD, `${SYSTEM_MD}Confirm the order number with the customer first.\n`);
const limits = { maxAttempts: 3, maxPatchBytes: 65536 };

/** An engineer behind a real HTTP server answering from a script in turn; it keeps every request. */
async function scriptedEngineer(patches: string[]) {
  const requests: SimChatRequest[] = [];
  const server = await simServer({
    responder: {
      respond(request) {
        requests.push(request);
        return reply(patches[Math.min(requests.length, patches.length) - 1]!);
      },
    },
  });
  const { layer } = await agentLayer(server.url, {}, { cache: false });
  return { client: layer.client('engineer'), requests };
}

function hashOf(patch: string): string {
  const blueprint = memoryBlueprint();
  const verdict = validatePatch(patch, { agentName: blueprint.name, files: blueprint.files, editable: blueprint.config.editable, maxPatchBytes: 65536 });
  if (!verdict.ok) throw new Error(verdict.message);
  return verdict.candidateHash;
}

function refusedOf(patch: string, iteration: number): RefusedCandidate {
  return { iteration, outcome: 'reject', candidateHash: hashOf(patch), intent, diff: diffSummary(patch), rules: [{ rule: 'max-p2f', detail: '1 confirmed P→F' }], regressions: [] };
}

describe('synthesizeCandidate with the refused candidates of the line', () => {
  it('refuses a candidate identical to a refused one as a duplicate, naming the iteration, and takes a new one', async () => {
    const { client, requests } = await scriptedEngineer([goodPatch(), otherPatch()]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits, refused: [refusedOf(goodPatch(), 2)] });
    if (!result.ok) throw new Error(JSON.stringify(result.attempts));
    expect(result.attempts.map((a) => [a.ok, a.reason, a.duplicateOf])).toEqual([
      [false, 'duplicate', 2],
      [true, undefined, undefined],
    ]);
    expect(result.attempts[0]!.candidateHash).toBe(hashOf(goodPatch()));
    expect(result.candidateHash).toBe(hashOf(otherPatch()));
    const first = String(requests[0]!.messages[1]!.content);
    expect(first).toContain(HISTORY_HEADING);
    expect(first.indexOf(HISTORY_HEADING)).toBeLessThan(first.indexOf('## File: prompts/system.md'));
    const retry = String(requests[1]!.messages.at(-1)!.content);
    expect(retry).toContain('EPATCH duplicate');
    expect(retry).toContain('the candidate of iteration 2');
  });

  it('ends with no candidate and the repeated iterations named when every attempt repeats a refused candidate', async () => {
    const { client, requests } = await scriptedEngineer([goodPatch(), otherPatch(), goodPatch()]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits, refused: [refusedOf(goodPatch(), 1), refusedOf(otherPatch(), 4)] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.attempts.map((a) => [a.reason, a.duplicateOf])).toEqual([
      ['duplicate', 1],
      ['duplicate', 4],
      ['duplicate', 1],
    ]);
    expect(result.duplicateOf).toEqual([1, 4]);
    expect(requests).toHaveLength(3);
  });

  it('still checks duplicates of refusals the budget left out of the request', async () => {
    const { client, requests } = await scriptedEngineer([goodPatch(), otherPatch()]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits: { ...limits, historyTokens: 0 }, refused: [refusedOf(goodPatch(), 1)] });
    expect(result.attempts.map((a) => a.reason)).toEqual(['duplicate', undefined]);
    expect(String(requests[0]!.messages[1]!.content)).not.toContain(HISTORY_HEADING);
  });

  it('sends the very same request as before when nothing was refused', async () => {
    const { client, requests } = await scriptedEngineer([goodPatch()]);
    const result = await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client, limits, refused: [] });
    expect(result.ok).toBe(true);
    const { client: plain, requests: plainRequests } = await scriptedEngineer([goodPatch()]);
    await synthesizeCandidate({ blueprint: memoryBlueprint(), spec, exemplars: [], client: plain, limits });
    expect(requests[0]!.messages).toEqual(plainRequests[0]!.messages);
    expect(String(requests[0]!.messages[1]!.content)).not.toContain(HISTORY_HEADING);
  });
});
