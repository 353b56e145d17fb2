import { describe, expect, it } from 'vitest';
import { noiseModes } from '../../src/llm/sim/world/index.js';
import { binomialTolerance, isCorrect, play, plainSuite, request, weatherSuite, weatherTools, world } from './world-fixtures.js';

const LOOKUP = 'Call lookup_city before get_weather.';
const task = (id: string) => {
  const input = weatherSuite.examples.find((e) => e.id === id)!.input;
  return typeof input === 'string' ? input : '';
};

describe('sampling by the request seed', () => {
  it('passes a flaky example at about its q over many seeds', () => {
    const w = world({ flakyShare: 1 }, [plainSuite(5)]);
    const seeds = 2000;
    for (let i = 0; i < 5; i += 1) {
      const { q, flaky } = w.truth('plain', `e${i}`, '');
      expect(flaky).toBe(true);
      let passes = 0;
      for (let seed = 0; seed < seeds; seed += 1) {
        if (play(w, request(`Plain task number ${i}.`, { seed })).answer === `answer ${i}`) passes += 1;
      }
      expect(Math.abs(passes / seeds - q)).toBeLessThan(binomialTolerance(q, seeds));
    }
  });

  it("fails a flaky example's failing samples with the noise mode its truth names", () => {
    const w = world({ flakyShare: 1 }, [plainSuite(40)]);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      const truth = w.truth('plain', `e${i}`, 'Be brief.');
      expect(noiseModes).toContain(truth.failureMode);
      expect(truth.failureCause).toBe('noise');
      for (let seed = 0; seed < 20; seed += 1) {
        const episode = w.episode('plain', `e${i}`, 'Be brief.', { seed });
        if (episode.passed) continue;
        // An example without calls cannot show bad-args; it answers with a wrong fact instead.
        expect(episode.plan.mode).toBe(truth.failureMode === 'bad-args' ? 'hallucinate' : truth.failureMode);
        seen.add(episode.plan.mode);
      }
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('treats a request without a seed as seed 0', () => {
    const w = world({ flakyShare: 1 }, [plainSuite(20)]);
    for (let i = 0; i < 20; i += 1) {
      expect(w.respond(request(`Plain task number ${i}.`))).toEqual(w.respond(request(`Plain task number ${i}.`, { seed: 0 })));
    }
    const differs = Array.from({ length: 20 }, (_, i) => i).some(
      (i) => JSON.stringify(w.respond(request(`Plain task number ${i}.`, { seed: 0 }))) !== JSON.stringify(w.respond(request(`Plain task number ${i}.`, { seed: 1 }))),
    );
    expect(differs).toBe(true);
  });

  it('answers the same request the same way, in the same world and in a fresh one', () => {
    const config = { flakyShare: 0.5, rerollRate: 0.2, seed: 4 };
    const a = world(config);
    const b = world(config);
    for (const id of ['paris', 'oslo-celsius', 'by-id', 'no-needs']) {
      for (let seed = 0; seed < 30; seed += 1) {
        const r = request(task(id), { system: seed % 2 ? LOOKUP : 'Be kind.', tools: weatherTools, seed });
        expect(a.respond(r)).toEqual(a.respond(structuredClone(r)));
        expect(b.respond(r)).toEqual(a.respond(r));
      }
    }
  });
});

describe('the pass probability is the limit of the pass rate', () => {
  it('holds for every example of a noisy world under several prompts', () => {
    const w = world({ flakyShare: 0.5, rerollRate: 0.25, seed: 11 });
    const prompts = ['', LOOKUP, `${LOOKUP}\nAsk get_weather for Celsius.`, 'Always call lookup_city first, for every request.'];
    const seeds = 600;
    let fractional = 0;
    for (const system of prompts) {
      for (const example of weatherSuite.examples.filter((e) => e.sim)) {
        const p = w.truth('weather', example.id, system).passProbability;
        let passes = 0;
        for (let seed = 0; seed < seeds; seed += 1) {
          const t = play(w, request(task(example.id), { system, tools: weatherTools, seed }), 6);
          if (isCorrect(t, example.sim!)) passes += 1;
        }
        if (p === 0 || p === 1) expect(passes / seeds).toBe(p);
        else {
          fractional += 1;
          expect(Math.abs(passes / seeds - p)).toBeLessThan(binomialTolerance(p, seeds));
        }
      }
    }
    expect(fractional).toBeGreaterThan(0);
  });
});

describe('the episode over several turns', () => {
  it('plays step k of the plan at turn k, then the answer however long the conversation gets', () => {
    const w = world();
    const base = request(task('paris'), { system: LOOKUP, tools: weatherTools, seed: 1 });
    const turn = (k: number) => {
      const messages = [...base.messages];
      for (let i = 0; i < k; i += 1) {
        messages.push({ role: 'assistant', content: null, tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'x', arguments: '{}' } }] });
        messages.push({ role: 'tool', tool_call_id: `c${i}`, content: 'ok' });
      }
      return w.respond({ ...base, messages });
    };
    expect(turn(0)).toEqual({ content: null, toolCalls: [{ name: 'lookup_city', arguments: '{"name":"Paris"}' }], finishReason: 'tool_calls' });
    expect(turn(1)).toEqual({ content: null, toolCalls: [{ name: 'get_weather', arguments: '{"city_id":7}' }], finishReason: 'tool_calls' });
    expect(turn(2)).toEqual({ content: '18 degrees and sunny', toolCalls: [], finishReason: 'stop' });
    expect(turn(7)).toEqual(turn(2));
  });

  it('counts turns from the user message that names the task, in a conversation given by the example', async () => {
    const { exampleSchema } = await import('../../src/config/index.js');
    const chat = {
      name: 'chat',
      examples: [
        exampleSchema.parse({
          id: 'followup',
          input: { messages: [{ role: 'user', content: 'Hi there.' }, { role: 'assistant', content: 'Hello!' }, { role: 'user', content: 'Now look up Rome.' }] },
          sim: { calls: [{ name: 'lookup_city', arguments: { name: 'Rome' } }], answer: 'Rome is city 9' },
        }),
      ],
    };
    const w = world({}, [chat]);
    const messages = [
      { role: 'system', content: 'You help.' },
      { role: 'user', content: 'Hi there.' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Now look up Rome.' },
    ];
    const t = play(w, { model: 'sim', messages, tools: [{ type: 'function', function: { name: 'lookup_city' } }] });
    expect(t.calls).toEqual([{ name: 'lookup_city', arguments: '{"name":"Rome"}' }]);
    expect(t.answer).toBe('Rome is city 9');
  });
});
