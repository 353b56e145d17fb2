import { describe, expect, it } from 'vitest';
import { exampleSchema, simSuiteSchema } from '../../src/config/index.js';
import { openModelLayer, type ModelLayer } from '../../src/llm/index.js';
import { canonicalToolCallIds } from '../../src/llm/tool-call-ids.js';
import type { ChatMessage } from '../../src/llm/types.js';
import { simServer, tempProject } from './helpers.js';

/**
 * What stands for a request (the cache key, the simulated server's draws) leaves out how the
 * reply is delivered and the servers' own tool-call ids, over the real layer and loopback HTTP.
 */
const suite = {
  name: 'desk',
  sim: simSuiteSchema.parse({}),
  examples: [exampleSchema.parse({ id: 'bell', input: 'Ring the bell twice.', sim: { calls: [{ name: 'ring_bell', arguments: { times: 2 } }], answer: 'Rung.' } })],
};
const ringBell = { type: 'function' as const, function: { name: 'ring_bell', parameters: { type: 'object', properties: { times: { type: 'integer' } } } } };
const system: ChatMessage = { role: 'system', content: 'You ring bells.' };
const user: ChatMessage = { role: 'user', content: 'Ring the bell twice.' };

/** The second step of the conversation, after a first reply whose call had the id `id`. */
function stepTwo(id: string): ChatMessage[] {
  return [
    system,
    user,
    { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'ring_bell', arguments: '{"times":2}' } }] },
    { role: 'tool', tool_call_id: id, content: 'ding ding' },
  ];
}

const opened: ModelLayer[] = [];
async function freshLayer(cache: boolean): Promise<ModelLayer> {
  const project = await tempProject({ sim: { seed: 9, flakyShare: 0, rerollRate: 0 } });
  const layer = await openModelLayer(project, { simSuites: [suite], cache });
  opened.push(layer);
  return layer;
}

describe('the identity of a request', () => {
  it('a streamed ask meets the same draws on the simulated server as a plain one (its reply ids are drawn from them)', async () => {
    const ids = [];
    for (const stream of [false, true]) {
      const layer = await freshLayer(false); // a fresh server each: the first occurrence of the request on both
      const reply = await layer.client('agent').chat({ messages: [system, user], tools: [ringBell], stream }, { sampleIndex: 0 });
      expect(reply.toolCalls.map((c) => c.name)).toEqual(['ring_bell']);
      ids.push(reply.toolCalls[0]!.id);
    }
    expect(ids[1]).toBe(ids[0]);
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });

  it('a conversation replayed with other tool-call ids meets the same draws (the completion id is drawn from them)', async () => {
    const completionId = async (id: string) => {
      const server = await simServer({ seed: 9 }); // fresh: the first occurrence of the request on each
      const response = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim-agent', messages: stepTwo(id), tools: [ringBell], seed: 1 }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { id: string }).id;
    };
    const first = await completionId('call_first_server');
    expect(first).toMatch(/^chatcmpl-sim-[0-9a-f]{16}-0$/);
    expect(await completionId('call_ZZ9')).toBe(first);
    expect(await completionId('call_0')).toBe(first);
  });

  it('the response cache answers a replay with other tool-call ids, but not one whose results answer other calls', async () => {
    const layer = await freshLayer(true);
    const agent = layer.client('agent');
    const first = await agent.chat({ messages: stepTwo('call_a'), tools: [ringBell] }, { sampleIndex: 0 });
    expect(first.cached).toBe(false);
    const renamed = await agent.chat({ messages: stepTwo('call_b'), tools: [ringBell] }, { sampleIndex: 0 });
    expect(renamed).toMatchObject({ cached: true, content: first.content });

    const twoCalls = (a: string, b: string, answered: [string, string]): ChatMessage[] => [
      system,
      user,
      { role: 'assistant', content: null, tool_calls: [a, b].map((id) => ({ id, type: 'function' as const, function: { name: 'ring_bell', arguments: '{"times":1}' } })) },
      { role: 'tool', tool_call_id: answered[0], content: 'ding' },
      { role: 'tool', tool_call_id: answered[1], content: 'dong' },
    ];
    await agent.chat({ messages: twoCalls('x', 'y', ['x', 'y']), tools: [ringBell] }, { sampleIndex: 0 });
    expect((await agent.chat({ messages: twoCalls('p', 'q', ['p', 'q']), tools: [ringBell] }, { sampleIndex: 0 })).cached).toBe(true);
    expect((await agent.chat({ messages: twoCalls('p', 'q', ['q', 'p']), tools: [ringBell] }, { sampleIndex: 0 })).cached).toBe(false);
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });

  it('leaves messages without tool calls as they are (the same array: old cache keys stay valid)', () => {
    const messages = [system, user];
    expect(canonicalToolCallIds(messages)).toBe(messages);
    expect(canonicalToolCallIds(stepTwo('call_q'))).toEqual(stepTwo('call_0'));
  });
});
