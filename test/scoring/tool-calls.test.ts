import { describe, expect, it } from 'vitest';
import { toolCallsScorerSchema, type ToolDefinition } from '../../src/config/index.js';
import type { TraceEvent } from '../../src/core/records.js';
import { createScorer } from '../../src/scoring/index.js';
import { example } from './example.js';

const scorer = (config: Record<string, unknown> = {}) => createScorer(toolCallsScorerSchema.parse({ kind: 'tool-calls', ...config }), { suiteDir: '.' });

const brewTool: ToolDefinition = {
  name: 'kettle.brew',
  description: '',
  parameters: { type: 'object', properties: { temp: { type: 'integer' }, minutes: { type: 'number' }, tea: { type: 'string' }, lid: { type: 'boolean' } }, required: ['temp', 'tea'] },
};
const brewExpected = [{ 'kettle.brew': { temp: [80], minutes: [2.5, ''], tea: ['green tea', 'sencha'], lid: ['', true] } }];

async function score(expected: unknown, toolCalls: unknown, options: { tools?: ToolDefinition[]; config?: Record<string, unknown>; trace?: TraceEvent[] } = {}) {
  return (await scorer(options.config)).score({ example: example({ expected, tools: options.tools }), output: { answer: null, toolCalls }, trace: options.trace ?? [] });
}
const call = (name: string, args: unknown) => ({ name, arguments: args });

describe('tool-calls scorer: one call', () => {
  it('passes a call whose values are all acceptable, optional ones left out', async () => {
    expect(await score(brewExpected, [call('kettle.brew', { temp: 80, tea: 'sencha' })], { tools: [brewTool] })).toEqual({
      pass: true,
      score: 1,
      feedback: 'all 1 expected call made: kettle.brew({"temp":80,"tea":"sencha"})',
    });
  });

  it('standardises strings: case, spaces and , . / - _ * ^ do not matter, quotes are alike', async () => {
    expect((await score(brewExpected, [call('kettle.brew', { temp: 80, tea: 'Green-Tea' })])).pass).toBe(true);
    expect((await score([{ f: { q: ["it's"] } }], [call('f', { q: 'IT"S' })])).pass).toBe(true);
  });

  it('standardizeStrings: false compares strings exactly (ids and enum values)', async () => {
    const exactly = { config: { standardizeStrings: false } };
    expect((await score([{ lookup_order: { order_id: ['KL-10233'] } }], [call('lookup_order', { order_id: 'KL-10233' })], exactly)).pass).toBe(true);
    const result = await score([{ lookup_order: { order_id: ['KL-10233'] } }], [call('lookup_order', { order_id: 'kl10233' })], exactly);
    expect(result.pass).toBe(false);
    expect(result.feedback).toContain('parameter order_id: "kl10233" is not one of ["KL-10233"]');
    expect((await score([{ f: { tags: [['Tea']] } }], [call('f', { tags: ['tea'] })], exactly)).pass).toBe(false);
  });

  it('accepts an integer where a float is expected, and arguments given as JSON text', async () => {
    expect((await score([{ f: { x: [3.0] } }], [call('f', '{"x": 3}')])).pass).toBe(true);
  });

  it('accepts the dotted name with underscores (servers that forbid "." in names)', async () => {
    expect((await score(brewExpected, [call('kettle_brew', { temp: 80, tea: 'sencha' })])).pass).toBe(true);
    expect((await score(brewExpected, [call('kettlebrew', { temp: 80, tea: 'sencha' })])).pass).toBe(false);
  });

  const failures: Array<[string, unknown, string]> = [
    ['a wrong value', { temp: 90, tea: 'sencha' }, 'parameter temp: 90 is not one of [80]'],
    ['a value of the wrong type', { temp: '80', tea: 'sencha' }, 'parameter temp: "80" is not one of [80]'],
    ['a missing required parameter', { tea: 'sencha' }, 'missing required parameter temp'],
    ['an unknown parameter', { temp: 80, tea: 'sencha', sugar: 2 }, 'unexpected parameter sugar=2'],
    ['arguments that are not an object', 'temp=80', 'arguments are not a JSON object: "temp=80"'],
  ];
  for (const [name, args, problem] of failures) {
    it(`fails ${name}, saying which`, async () => {
      const result = await score(brewExpected, [call('kettle.brew', args)], { tools: [brewTool] });
      expect(result.pass).toBe(false);
      expect(result.score).toBe(0);
      expect(result.feedback).toContain(`call 1 kettle.brew(temp=80, minutes=2.5 (optional), tea ∈ ["green tea","sencha"], lid=true (optional)): not made; the closest call kettle.brew(`);
      expect(result.feedback).toContain(problem);
    });
  }

  it('a parameter the expected call needs is missing even when the definition calls it optional', async () => {
    const result = await score([{ f: { x: [1], y: [2] } }], [call('f', { x: 1 })]);
    expect(result.feedback).toContain('missing parameter y (expected [2])');
  });

  it('fails a wrong function name', async () => {
    const result = await score(brewExpected, [call('kettle.stop', {})]);
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.feedback).toContain('wrong function: called kettle.stop, expected kettle.brew');
  });
});

describe('tool-calls scorer: values inside lists and dictionaries', () => {
  it('compares lists element by element with standardised strings', async () => {
    const expected = [{ f: { items: [['Oolong Tea', 'black'], ['black']] } }];
    expect((await score(expected, [call('f', { items: ['oolong tea', 'Black'] })])).pass).toBe(true);
    expect((await score(expected, [call('f', { items: ['black', 'oolong tea'] })])).pass).toBe(false);
  });

  it('matches a dictionary against a pattern of acceptable values per key, "" marking optional keys', async () => {
    const expected = [{ f: { filter: [{ city: ['Berlin', 'BER'], max: [5, ''] }] } }];
    expect((await score(expected, [call('f', { filter: { city: 'ber' } })])).pass).toBe(true);
    expect((await score(expected, [call('f', { filter: { city: 'Berlin', max: 5 } })])).pass).toBe(true);
    expect((await score(expected, [call('f', { filter: { city: 'Paris' } })])).pass).toBe(false);
    expect((await score(expected, [call('f', { filter: { max: 5 } })])).pass).toBe(false);
    expect((await score(expected, [call('f', { filter: { city: 'Berlin', other: 1 } })])).pass).toBe(false);
  });

  it('matches lists of dictionaries and nested patterns recursively', async () => {
    const expected = [{ f: { rules: [[{ field: ['age'], op: ['>'] }, { field: ['job'], op: ['=', '=='] }]] } }];
    expect((await score(expected, [call('f', { rules: [{ field: 'age', op: '>' }, { field: 'job', op: '==' }] })])).pass).toBe(true);
    expect((await score(expected, [call('f', { rules: [{ field: 'age', op: '>' }] })])).pass).toBe(false);
  });
});

describe('tool-calls scorer: several calls', () => {
  const parallel = [{ weather: { city: ['Paris', 'Paris, France'] } }, { weather: { city: ['Paris', 'Lyon'] } }];

  it('matches parallel calls one to one in any order, finding a full matching where first-fit would not', async () => {
    // First-fit would give the first expected call the "Paris" call and leave "Lyon" unmatched.
    const result = await score(parallel, [call('weather', { city: 'Paris' }), call('weather', { city: 'Lyon' })]);
    expect(result.pass).toBe(true);
    expect((await score(parallel, [call('weather', { city: 'Lyon' }), call('weather', { city: 'Paris' })])).pass).toBe(true);
  });

  it('one call cannot stand for two expected ones', async () => {
    const result = await score(parallel, [call('weather', { city: 'Paris, France' }), call('weather', { city: 'Paris, France' })]);
    expect(result.pass).toBe(false);
    expect(result.score).toBe(0.5);
    expect(result.feedback).toBe('call 2 weather(city ∈ ["Paris","Lyon"]): not made; the closest call weather({"city":"Paris, France"}): parameter city: "Paris, France" is not one of ["Paris","Lyon"]');
  });

  it('a wrong number of calls fails, with a partial score and the surplus named', async () => {
    const result = await score([{ f: {} }], [call('f', {}), call('f', {})]);
    expect(result).toEqual({ pass: false, score: 0.5, feedback: 'expected 1 call, got 2\nunexpected call f({})' });
    const missing = await score(parallel, [call('weather', { city: 'Lyon' })]);
    expect(missing.pass).toBe(false);
    expect(missing.feedback).toBe('expected 2 calls, got 1\ncall 1 weather(city ∈ ["Paris","Paris, France"]): not made');
  });

  it('ordered: true requires the expected order', async () => {
    const sequence = [{ lookup_order: { id: ['KL-1'] } }, { refund: { id: ['KL-1'] } }];
    const inOrder = [call('lookup_order', { id: 'KL-1' }), call('refund', { id: 'KL-1' })];
    expect((await score(sequence, inOrder, { config: { ordered: true } })).pass).toBe(true);
    const swapped = await score(sequence, [...inOrder].reverse(), { config: { ordered: true } });
    expect(swapped.pass).toBe(false);
    expect(swapped.score).toBe(0.5);
    expect(swapped.feedback).toMatch(/^call \d \w+\(id="KL-1"\): made out of order: \w+\({"id":"KL-1"}\)$/);
    // A missing first call leaves the later ones aligned.
    const missingFirst = await score(sequence, [inOrder[1]], { config: { ordered: true } });
    expect(missingFirst.feedback).toBe('expected 2 calls, got 1\ncall 1 lookup_order(id="KL-1"): not made');
    expect((await score(sequence, [...inOrder].reverse())).pass).toBe(true);
  });

  it('"no call" expected: passes with none, fails with any', async () => {
    expect(await score([], [])).toEqual({ pass: true, score: 1, feedback: 'no tool call was expected and none was made' });
    expect(await score([], [call('f', { a: 1 })])).toEqual({ pass: false, score: 0, feedback: 'no tool call was expected, but 1 were made: f({"a":1})' });
  });
});

describe('tool-calls scorer: where the calls come from', () => {
  it('reads the OpenAI wire shape and falls back to the trace when the output lists none', async () => {
    expect((await score([{ f: { a: [1] } }], [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }])).pass).toBe(true);
    const trace: TraceEvent[] = [{ type: 'tool_call', step: 1, id: 'c1', name: 'f', arguments: { a: 1 } }];
    const result = await (await scorer()).score({ example: example({ expected: [{ f: { a: [1] } }] }), output: { answer: 'done' }, trace });
    expect(result.pass).toBe(true);
  });

  it('reads its part of a structured expected value; a malformed expected is caught by check()', async () => {
    expect((await score({ calls: [{ f: {} }], answer: 'x' }, [call('f', {})], { config: { expectedField: 'calls' } })).pass).toBe(true);
    const s = await scorer();
    expect(s.check?.(example({ expected: [{ f: { a: 1 } }] }))).toMatch(/^expected: expected calls must be a list of \{ function: \{ parameter: \[acceptable values\] \} \} at \[0\]\[f\]\[a\]/);
    expect(s.check?.(example({ expected: [{ f: {}, g: {} }] }))).toMatch(/each entry names exactly one function/);
  });
});
