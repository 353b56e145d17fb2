import { describe, expect, it } from 'vitest';
import { exampleSchema } from '../../src/config/index.js';
import type { SimChatRequest } from '../../src/llm/sim/types.js';
import { phrases } from '../../src/llm/sim/world/index.js';
import { plainSuite, request, weatherTools, world } from './world-fixtures.js';

describe('which example a request is about', () => {
  const texts = {
    name: 'texts',
    examples: [
      { id: 'short', input: 'Add 2 and 3.', sim: { answer: '5' } },
      { id: 'long', input: 'Translate to French: the weather is nice today.', sim: { answer: 'Il fait beau aujourd’hui.' } },
      { id: 'longer', input: 'Translate to French: the weather is nice today. Keep it formal.', sim: { answer: 'Le temps est agréable aujourd’hui.' } },
      { id: 'object', input: { prompt: 'Summarise the attached report.', report: 'r.txt' }, sim: { answer: 'A summary.' } },
    ].map((e) => exampleSchema.parse(e)),
  };
  const w = world({}, [texts]);
  const answer = (text: string) => w.respond(request(text)).content;

  it('matches the trimmed task text exactly', () => {
    expect(answer('  Add 2 and 3.\n')).toBe('5');
    expect(answer('Summarise the attached report.')).toBe('A summary.');
    expect(w.identify('Translate to French: the weather is nice today.')?.id).toBe('long');
  });

  it('else takes the longest task text contained in the message, as a command agent wraps it', () => {
    expect(w.identify('Task:\nTranslate to French: the weather is nice today. Keep it formal.\nReply in JSON.')?.id).toBe('longer');
    expect(w.identify('Task: Translate to French: the weather is nice today.\nThanks')?.id).toBe('long');
    expect(w.identify('Please: Add 2 and 3. Show your work.')?.id).toBe('short');
  });

  it('answers a task it does not know, or a request with no user message, politely', () => {
    expect(answer('What is the meaning of life?')).toBe(phrases.unknownTask);
    expect(w.respond({ model: 'sim', messages: [{ role: 'system', content: 'Hi' }] })).toEqual({ content: phrases.unknownTask, toolCalls: [], finishReason: 'stop' });
  });

  it('reads text given as content parts', () => {
    const parts: SimChatRequest = { model: 'sim', messages: [{ role: 'user', content: [{ type: 'text', text: 'Add 2 ' }, { type: 'text', text: 'and 3.' }] }] };
    expect(w.respond(parts).content).toBe('5');
  });

  it('finds every one of 10,000 examples, exactly and wrapped in other text', () => {
    const big = world({}, [plainSuite(10_000)]);
    for (let i = 0; i < 10_000; i += 1) {
      expect(big.identify(`Plain task number ${i}.`)?.id).toBe(`e${i}`);
      if (i % 7 === 0) expect(big.identify(`You are given a task.\nPlain task number ${i}.\nAnswer briefly.`)?.id).toBe(`e${i}`);
    }
    expect(big.identify('Plain task number 10000.')).toBeUndefined();
  });
});

describe('requests for the other roles', () => {
  const w = world();
  const asRole = (name: string): SimChatRequest => ({
    ...request('What is the weather in Paris?', { tools: weatherTools }),
    response_format: { type: 'json_schema', json_schema: { name, schema: { type: 'object' } } },
  });

  it('routes critique and release_candidate requests to the critic and the engineer, never to the agent', () => {
    const agentReply = w.respond(request('What is the weather in Paris?', { tools: weatherTools }));
    for (const role of ['critique', 'release_candidate']) {
      const reply = w.respond(asRole(role));
      expect(reply).not.toEqual(agentReply);
      expect(reply.toolCalls).toEqual([]);
    }
  });

  it('answers any other JSON-schema request as the agent', () => {
    expect(w.respond(asRole('order'))).toEqual(w.respond(request('What is the weather in Paris?', { tools: weatherTools })));
    // No rule in the prompt: the agent skips lookup_city, as it does without a response format.
    expect(w.respond(asRole('order')).toolCalls).toEqual([{ name: 'get_weather', arguments: '{"city_id":7}' }]);
  });
});
