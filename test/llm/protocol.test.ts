import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseJsonReply, type ChatRequest, type ChatResult } from '../../src/llm/index.js';
import { agentLayer, simServer, userMessage } from './helpers.js';

const lookup = {
  type: 'function' as const,
  function: { name: 'lookup_city', parameters: { type: 'object', properties: { name: { type: 'string' }, limit: { type: 'integer' } }, required: ['name', 'limit'] } },
};
const verdictSchema = {
  type: 'object',
  properties: { label: { type: 'string', enum: ['skip-tool', 'bad-args'] }, confidence: { type: 'number' }, evidence: { type: 'array', items: { type: 'string' } } },
  required: ['label', 'confidence', 'evidence'],
  additionalProperties: false,
};

/** The parts of a result that come from the reply, not how it was fetched (tool-call ids are fresh per reply). */
function replyOf(result: ChatResult) {
  const { content, toolCalls, finishReason, usage, model } = result;
  return { content, toolCalls: toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args })), finishReason, usage, model };
}

describe('the chat protocol through the model layer', () => {
  it('assembles a streamed reply equal to the non-streamed one: text, tool calls and JSON', async () => {
    const server = await simServer();
    const { layer } = await agentLayer(server.url);
    const agent = layer.client('agent');
    const requests: ChatRequest[] = [
      { messages: userMessage('a longer sentence that the server will echo back in several chunks') },
      { messages: userMessage('which city?'), tools: [lookup] },
      { messages: userMessage('judge'), responseFormat: { type: 'json_schema', json_schema: { name: 'verdict', schema: verdictSchema } } },
    ];
    for (const [i, request] of requests.entries()) {
      const plain = await agent.chat(request, { sampleIndex: i, cache: false });
      const streamed = await agent.chat({ ...request, stream: true }, { sampleIndex: i, cache: false });
      expect(replyOf(streamed)).toEqual(replyOf(plain));
      expect(plain.usage.completionTokens).toBeGreaterThan(0);
    }
  });

  it('round-trips a tool call: the call, its result, and the answer that uses it', async () => {
    const server = await simServer();
    const { layer } = await agentLayer(server.url);
    const agent = layer.client('agent');
    const messages = userMessage('which city?');
    const first = await agent.chat({ messages, tools: [lookup], toolChoice: 'auto' }, { sampleIndex: 0 });
    expect(first.finishReason).toBe('tool_calls');
    const [call] = first.toolCalls;
    expect(call).toMatchObject({ name: 'lookup_city', id: expect.any(String) });
    expect(JSON.parse(call!.arguments)).toMatchObject({ name: expect.any(String), limit: expect.any(Number) });

    const followUp = [
      ...messages,
      { role: 'assistant' as const, content: first.content, tool_calls: first.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) },
      { role: 'tool' as const, tool_call_id: call!.id, content: 'Lisbon, id 41' },
    ];
    const second = await agent.chat({ messages: followUp, tools: [lookup], stream: true }, { sampleIndex: 0 });
    expect(second).toMatchObject({ finishReason: 'stop', toolCalls: [] });
    expect(second.content).toContain('Lisbon, id 41');
  });

  it('parses a JSON-schema reply that validates against the schema', async () => {
    const server = await simServer();
    const { layer } = await agentLayer(server.url);
    const result = await layer
      .client('agent')
      .chat({ messages: userMessage('judge'), responseFormat: { type: 'json_schema', json_schema: { name: 'verdict', schema: verdictSchema, strict: true } } }, { sampleIndex: 5 });
    const value = parseJsonReply(result);
    const validate = new Ajv().compile(verdictSchema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});
