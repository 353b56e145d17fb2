import { exampleSchema, simSuiteSchema, simWorldSchema, type SimWorldConfig } from '../../src/config/index.js';
import type { SimChatRequest, SimReply, SimSuiteInput } from '../../src/llm/sim/types.js';
import { createWorld, type World } from '../../src/llm/sim/world/index.js';

/**
 * Tiny hand-made worlds for the world-model tests. Suites go through the real config schemas,
 * so defaults apply exactly as they do for a suite file.
 */

export const weatherTools = ['lookup_city', 'get_weather', 'send_report'];

/** Needs: lookup-first (skip-tool, with a broad variant breaking `no-lookup`), celsius (bad-args). */
export const weatherSuite = {
  name: 'weather',
  sim: simSuiteSchema.parse({
    needs: {
      'lookup-first': {
        mode: 'skip-tool',
        tool: 'lookup_city',
        rule: 'Call lookup_city before get_weather.',
        broad: { rule: 'Always call lookup_city first, for every request.', keywords: ['lookup_city first'], breaks: ['no-lookup'], mode: 'wrong-tool' },
      },
      celsius: { mode: 'bad-args', tool: 'get_weather', rule: 'Ask get_weather for Celsius.', keywords: ['celsius'] },
    },
  }),
  examples: [
    {
      id: 'paris',
      input: 'What is the weather in Paris?',
      sim: {
        needs: ['lookup-first'],
        calls: [
          { name: 'lookup_city', arguments: { name: 'Paris' } },
          { name: 'get_weather', arguments: { city_id: 7 } },
        ],
        answer: '18 degrees and sunny',
        wrong: '25 degrees and rainy',
      },
    },
    {
      id: 'oslo-celsius',
      input: 'How cold is it in Oslo, in Celsius?',
      sim: {
        needs: ['lookup-first', 'celsius'],
        calls: [
          { name: 'lookup_city', arguments: { name: 'Oslo' } },
          { name: 'get_weather', arguments: { city_id: 3, units: 'celsius' } },
        ],
        answer: '-4 degrees',
      },
    },
    {
      id: 'by-id',
      input: 'Weather for city id 12, please.',
      tags: ['no-lookup'],
      sim: { calls: [{ name: 'get_weather', arguments: { city_id: 12 } }], answer: 'Cloudy' },
    },
    {
      id: 'no-needs',
      input: 'Say hello to the weather desk.',
      sim: { answer: 'Hello, weather desk!' },
    },
    { id: 'unannotated', input: 'This example has no sim annotation.' },
  ].map((e) => exampleSchema.parse(e)),
};

export function world(config: Partial<SimWorldConfig> = {}, suites: SimSuiteInput[] = [weatherSuite]): World {
  return createWorld({ config: simWorldSchema.parse({ flakyShare: 0, rerollRate: 0, ...config }), suites });
}

/** A suite of `count` examples without needs, for the statistical tests. */
export function plainSuite(count: number, name = 'plain') {
  return {
    name,
    sim: simSuiteSchema.parse({}),
    examples: Array.from({ length: count }, (_, i) =>
      exampleSchema.parse({ id: `e${i}`, input: `Plain task number ${i}.`, sim: { answer: `answer ${i}` } }),
    ),
  };
}

export function request(task: string, options: { system?: string; tools?: string[]; seed?: number; toolChoice?: 'none' | 'auto' } = {}): SimChatRequest {
  return {
    model: 'sim',
    messages: [
      ...(options.system === undefined ? [] : [{ role: 'system', content: options.system }]),
      { role: 'user', content: task },
    ],
    ...(options.tools ? { tools: options.tools.map((name) => ({ type: 'function' as const, function: { name } })) } : {}),
    ...(options.toolChoice ? { tool_choice: options.toolChoice } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
}

export interface Transcript {
  replies: SimReply[];
  calls: Array<{ name: string; arguments: string }>;
  answer: string | null;
  finishReason: string | undefined;
}

/**
 * Plays a whole episode against the world as an agent loop does: each tool call goes back as an
 * assistant message with its tool result, until an answer or `maxSteps` replies.
 */
export function play(target: World, first: SimChatRequest, maxSteps = 8): Transcript {
  const messages = [...first.messages];
  const replies: SimReply[] = [];
  const calls: Transcript['calls'] = [];
  for (let step = 0; step < maxSteps; step += 1) {
    const reply = target.respond({ ...first, messages: [...messages] });
    replies.push(reply);
    if (reply.toolCalls.length === 0) return { replies, calls, answer: reply.content, finishReason: reply.finishReason };
    const toolCalls = reply.toolCalls.map((call, i) => ({ id: `call_${step}_${i}`, type: 'function', function: call }));
    messages.push({ role: 'assistant', content: null, tool_calls: toolCalls });
    for (const call of toolCalls) {
      calls.push(call.function);
      messages.push({ role: 'tool', tool_call_id: call.id, content: 'ok' });
    }
  }
  return { replies, calls, answer: null, finishReason: undefined };
}

/** Whether a transcript is exactly the annotated correct episode (the calls offered, then the answer). */
export function isCorrect(transcript: Transcript, sim: { calls: Array<{ name: string; arguments: Record<string, unknown> }>; answer?: string | undefined }): boolean {
  const expected = sim.calls.map((c) => ({ name: c.name, arguments: JSON.stringify(c.arguments) }));
  return JSON.stringify(transcript.calls) === JSON.stringify(expected) && transcript.answer === (sim.answer ?? 'Done.');
}

/** A generous bound on |observed − p| for n Bernoulli draws: five standard deviations, at least 1/n. */
export function binomialTolerance(p: number, n: number): number {
  return Math.max(5 * Math.sqrt((p * (1 - p)) / n), 1 / n);
}
