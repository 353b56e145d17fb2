import { afterEach, describe, expect, test } from 'vitest';
import { seedFor } from '../../src/llm/index.js';
import { startSimServer, type SimChatRequest, type SimReply, type SimServer } from '../../src/llm/sim/index.js';
import { deskWorld, promptAgent, shape } from './fixture.js';

/**
 * What a prompt agent sends, seen by the real simulated server with a responder that records
 * each request and plays a script of replies.
 */
let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function scripted(replies: SimReply[]): Promise<{ requests: SimChatRequest[]; url: string }> {
  const requests: SimChatRequest[] = [];
  server = await startSimServer({
    responder: {
      respond(request) {
        requests.push(structuredClone(request));
        return replies[Math.min(requests.length - 1, replies.length - 1)] as SimReply;
      },
    },
  });
  return { requests, url: server.url };
}

describe('prompt agent requests', () => {
  test('system files joined in order, the task as the user turn, the suite tools, the sample seed and the blueprint sampling', async () => {
    const { requests, url } = await scripted([{ content: 'Hello!', toolCalls: [] }]);
    const world = await deskWorld({ agentEndpoint: { baseURL: url, model: 'sim-agent' } });
    const files = promptAgent('desk-bot', { prompt: 'You are the help desk.' });
    files['agent.yaml'] += 'sampling:\n  temperature: 0.3\n';
    const runner = world.runner(await world.agent('desk-bot', files));
    const result = await runner.runEpisode(world.input(world.desk, 'hello', { sampleIndex: 7 }));

    expect(result.outcome).toEqual({ status: 'completed' });
    const [request] = requests;
    expect(request?.messages).toEqual([
      { role: 'system', content: 'You are the help desk.\n\nUse the tools to look things up before answering.' },
      { role: 'user', content: 'Say hello to the customer.' },
    ]);
    expect(request?.tools?.map((t) => t.function.name)).toEqual(['lookup_order', 'shipping_date', 'check_stock', 'big_report']);
    expect(request?.tools?.[0]).toEqual({
      type: 'function',
      function: { name: 'lookup_order', description: 'the lookup_order tool', parameters: { type: 'object', properties: { order_id: { type: 'string' } } } },
    });
    expect(request?.seed).toBe(seedFor(7));
    expect(request?.temperature).toBe(0.3);
  });

  test('invalid JSON arguments are traced as raw text, not run, and the model is told', async () => {
    const { requests, url } = await scripted([
      { content: null, toolCalls: [{ name: 'lookup_order', arguments: '{"order_id": "A17"' }] },
      { content: 'Sorry, let me answer directly.', toolCalls: [] },
    ]);
    const world = await deskWorld({ agentEndpoint: { baseURL: url, model: 'sim-agent' } });
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const result = await runner.runEpisode(world.input(world.desk, 'where-is-a17'));

    expect(result.outcome).toEqual({ status: 'completed' });
    expect(shape(result.trace)).toEqual(['llm_call', 'tool_call:lookup_order', 'error', 'observation:lookup_order', 'llm_call', 'final']);
    expect(result.trace[1]).toMatchObject({ arguments: '{"order_id": "A17"' });
    expect(result.trace[2]).toMatchObject({ type: 'error', message: expect.stringContaining('invalid JSON arguments for lookup_order') });
    expect(result.output).toEqual({ answer: 'Sorry, let me answer directly.', toolCalls: [{ name: 'lookup_order', arguments: '{"order_id": "A17"' }] });
    const toolTurn = requests[1]?.messages.at(-1);
    expect(toolTurn).toMatchObject({ role: 'tool', content: expect.stringContaining('not valid JSON') });
    expect(toolTurn?.content).toContain('{"order_id": "A17"');
    // Sent back as arguments every server parses (llama.cpp answers HTTP 500 to a history with invalid ones).
    expect(requests[1]?.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'lookup_order', arguments: '{}' } }] });
  });

  test('a call to a tool the suite does not offer is answered with the list of tools', async () => {
    const { requests, url } = await scripted([
      { content: null, toolCalls: [{ name: 'delete_everything', arguments: '{}' }] },
      { content: 'Done.', toolCalls: [] },
    ]);
    const world = await deskWorld({ agentEndpoint: { baseURL: url, model: 'sim-agent' } });
    const runner = world.runner(await world.agent('desk-bot', promptAgent('desk-bot')));
    const result = await runner.runEpisode(world.input(world.desk, 'hello'));
    expect(result.outcome).toEqual({ status: 'completed' });
    expect(requests[1]?.messages.at(-1)).toMatchObject({
      role: 'tool',
      content: 'Error: there is no tool named "delete_everything". Available: lookup_order, shipping_date, check_stock, big_report.',
    });
  });
});
