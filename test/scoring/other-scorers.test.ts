import { describe, expect, it } from 'vitest';
import { scorerSchema } from '../../src/config/index.js';
import { AgentdevelError } from '../../src/core/errors.js';
import { checkExamples, createScorer, type Scorer } from '../../src/scoring/index.js';
import { loadProject } from '../../src/config/index.js';
import { loadSuite } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';
import { example } from './example.js';

const create = (config: unknown, suiteDir = '.') => createScorer(scorerSchema.parse(config), { suiteDir });
const run = (scorer: Scorer, output: unknown, expected?: unknown) => scorer.score({ example: example({ expected }), output, trace: [] });

async function rejection(promise: Promise<unknown>): Promise<AgentdevelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentdevelError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const ticketSchema = { type: 'object', properties: { priority: { enum: ['low', 'high'] }, email: { type: 'string', format: 'email' } }, required: ['priority'], additionalProperties: false };

describe('json-schema scorer', () => {
  it('passes a value that satisfies the schema, parsing a JSON answer text first', async () => {
    const scorer = await create({ kind: 'json-schema', field: 'answer', schema: ticketSchema });
    expect(await run(scorer, { answer: '{"priority": "high", "email": "a@b.co"}' })).toEqual({ pass: true, score: 1, feedback: 'answer satisfies the JSON Schema' });
  });

  it('fails listing every violation with its place, and the value', async () => {
    const scorer = await create({ kind: 'json-schema', schema: ticketSchema });
    const result = await run(scorer, { priority: 'urgent', email: 'nope', extra: 1 });
    expect(result.pass).toBe(false);
    expect(result.feedback).toContain('output does not satisfy the JSON Schema: ');
    expect(result.feedback).toContain('/ must NOT have additional properties ("extra")');
    expect(result.feedback).toContain('/priority must be equal to one of the allowed values');
    expect(result.feedback).toContain('/email must match format "email"');
  });

  it('an answer that is not JSON fails saying so', async () => {
    const scorer = await create({ kind: 'json-schema', field: 'answer', schema: ticketSchema });
    expect((await run(scorer, { answer: 'priority: high' })).feedback).toMatch(/^answer is not valid JSON \(/);
    expect((await run(scorer, {})).feedback).toBe('no answer to check against the JSON Schema');
  });

  it('reads the schema from a file beside the suite (JSON or YAML); a broken one is ESCORER', async () => {
    const dir = await writeTree({ 'ticket.json': JSON.stringify(ticketSchema), 'ticket.yaml': 'type: array\n', 'bad.json': '{"type": 12}' });
    expect((await run(await create({ kind: 'json-schema', schema: 'ticket.json' }, dir), { priority: 'low' })).pass).toBe(true);
    expect((await run(await create({ kind: 'json-schema', schema: 'ticket.yaml' }, dir), [1])).pass).toBe(true);
    const error = await rejection(create({ kind: 'json-schema', schema: 'bad.json' }, dir));
    expect(error.code).toBe('ESCORER');
    expect(error.message).toMatch(/^scorer\.schema: not a valid JSON Schema: /);
    expect((await rejection(create({ kind: 'json-schema', schema: 'missing.json' }, dir))).code).toBe('EFILE');
  });
});

describe('custom scorer', () => {
  const modules = {
    'score.mjs': `export default function (input) { return { pass: input.output.answer === input.example.expected, feedback: 'compared' }; }
export const lenient = { score: () => true };
export const broken = () => ({ pass: 'yes' });
export const thrower = () => { throw new Error('boom'); };
export const notAFunction = 3;`,
  };

  it("calls the module's export with the score input; a verdict or a boolean", async () => {
    const dir = await writeTree(modules);
    const scorer = await create({ kind: 'custom', module: 'score.mjs' }, dir);
    expect(await run(scorer, { answer: 'x' }, 'x')).toEqual({ pass: true, score: 1, feedback: 'compared' });
    expect(await run(scorer, { answer: 'y' }, 'x')).toEqual({ pass: false, score: 0, feedback: 'compared' });
    expect(await run(await create({ kind: 'custom', module: 'score.mjs', export: 'lenient' }, dir), {})).toEqual({ pass: true, score: 1, feedback: '' });
  });

  it('a bad verdict, a throw, a missing or wrong export are ESCORER naming the module', async () => {
    const dir = await writeTree(modules);
    const broken = await create({ kind: 'custom', module: 'score.mjs', export: 'broken' }, dir);
    expect(await rejection(run(broken, {}))).toMatchObject({ code: 'ESCORER', message: expect.stringMatching(/^custom scorer score\.mjs returned \{"pass":"yes"\} for example "e1"/) });
    const thrower = await create({ kind: 'custom', module: 'score.mjs', export: 'thrower' }, dir);
    expect(await rejection(run(thrower, {}))).toMatchObject({ code: 'ESCORER', message: 'custom scorer score.mjs threw on example "e1": boom' });
    expect(await rejection(create({ kind: 'custom', module: 'score.mjs', export: 'nope' }, dir))).toMatchObject({ code: 'ESCORER', message: expect.stringMatching(/^scorer\.module: score\.mjs: it has no export "nope" \(exports: /) });
    expect(await rejection(create({ kind: 'custom', module: 'score.mjs', export: 'notAFunction' }, dir))).toMatchObject({ message: expect.stringContaining('its export "notAFunction" is a number') });
    expect((await rejection(create({ kind: 'custom', module: 'gone.mjs' }, dir))).code).toBe('EFILE');
  });
});

describe('all scorer', () => {
  const config = { kind: 'all', scorers: [{ kind: 'tool-calls', expectedField: 'calls' }, { kind: 'regex', expectedField: 'answer' }] };
  const expected = { calls: [{ lookup_order: { order_id: ['KL-1'] } }], answer: '2025-06-04' };

  it('passes only when every part passes; the feedback is every part, labelled', async () => {
    const scorer = await create(config);
    const good = await run(scorer, { answer: 'It arrives 2025-06-04.', toolCalls: [{ name: 'lookup_order', arguments: { order_id: 'KL-1' } }] }, expected);
    expect(good.pass).toBe(true);
    const bad = await run(scorer, { answer: 'It arrives June 4.', toolCalls: [{ name: 'lookup_order', arguments: { order_id: 'KL-1' } }] }, expected);
    expect(bad).toEqual({
      pass: false,
      score: 0.5,
      feedback: '[tool-calls: pass] all 1 expected call made: lookup_order({"order_id":"KL-1"})\n[regex: fail] answer "It arrives June 4.": it does not match /2025-06-04/',
    });
    expect(scorer.check?.(example({ expected: { calls: 'x' } }))).toMatch(/^\[tool-calls\] expected\.calls: .*; \[regex\] expected\.answer: /);
  });
});

describe('critic scorer', () => {
  it('needs the blind critic in its context (the run stage passes it): ESCORER without it (more in test/critic)', async () => {
    const error = await rejection(create({ kind: 'critic', rubric: 'polite' }));
    expect(error.code).toBe('ESCORER');
    expect(error.details).toContain('endpoints.critic');
  });
});

describe('checkExamples', () => {
  it("lists the examples whose expected value the suite's scorer cannot use, before any run", async () => {
    const root = await writeTree({
      'agentdevel.yaml': '{}\n',
      'specs/s.yaml': 'name: s\nscorer: {kind: regex}\nexamples:\n  - {id: ok, input: a, expected: "^a$"}\n  - {id: bad, input: b, expected: "("}\n  - {id: none, input: c}\n',
    });
    const suite = await loadSuite(await loadProject({ cwd: root }), 's');
    const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir });
    expect(checkExamples(suite, scorer, root).map((i) => `${i.file}: ${i.path}: ${i.message}`)).toEqual([
      expect.stringMatching(/^specs\/s\.yaml: example "bad": expected: invalid pattern: /),
      'specs/s.yaml: example "none": expected: no pattern given',
    ]);
  });
});
