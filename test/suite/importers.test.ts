import { describe, expect, it } from 'vitest';
import { ConfigProblems, formatIssue, loadProject } from '../../src/config/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { loadSuite } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

async function load(files: Record<string, string>) {
  const root = await writeTree({ 'agentdevel.yaml': '{}\n', ...files });
  return loadSuite(await loadProject({ cwd: root }), 's');
}

async function problems(files: Record<string, string>): Promise<string[]> {
  try {
    await load(files);
  } catch (error) {
    if (error instanceof ConfigProblems) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('expected the suite to be refused');
}

// Written for these tests in BFCL's format; not BFCL's own text.
const questions = [
  {
    id: 'simple_python_0',
    question: [[{ role: 'user', content: 'Brew green tea at 80 degrees for 2.5 minutes.' }]],
    function: [
      {
        name: 'kettle.brew',
        description: 'Brew tea.',
        parameters: {
          type: 'dict',
          properties: {
            temperature: { type: 'integer', description: 'Celsius' },
            minutes: { type: 'float' },
            leaves: { type: 'array', items: { type: 'String' } },
            size: { type: 'tuple', items: { type: 'integer' } },
            options: { type: 'dict', properties: { lid: { type: 'Boolean' } }, optional: true },
            extra: { type: 'any', default: null },
          },
          required: ['temperature', 'minutes'],
        },
      },
    ],
  },
  { id: 'simple_python_1', question: [[{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Stop the kettle.' }]], function: [{ name: 'kettle.stop', description: '', parameters: { type: 'dict', properties: {}, required: [] } }] },
];
const answers = [
  { id: 'simple_python_0', ground_truth: [{ 'kettle.brew': { temperature: [80], minutes: [2.5], leaves: ['', ['sencha']], options: ['', { lid: [true, ''] }] } }] },
  { id: 'simple_python_1', ground_truth: [{ 'kettle.stop': {} }] },
];

const bfclSuite = 'name: s\nsource: {format: bfcl, questions: data/q.json, answers: data/a.json}\nscorer: {kind: tool-calls}\n';

describe('format: bfcl', () => {
  it('turns each question into an example: messages, functions as JSON Schema, ground truth as expected', async () => {
    const suite = await load({ 'specs/s.yaml': bfclSuite, 'specs/data/q.json': jsonl(questions), 'specs/data/a.json': jsonl(answers) });
    const [brew, stop] = suite.examples;
    expect(brew!.input).toEqual({ messages: [{ role: 'user', content: 'Brew green tea at 80 degrees for 2.5 minutes.' }] });
    expect(stop!.input).toEqual({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Stop the kettle.' }] });
    expect(brew!.tags).toEqual(['bfcl', 'simple_python']);
    expect(brew!.expected).toEqual(answers[0]!.ground_truth);
    expect(brew!.tools).toEqual([
      {
        name: 'kettle.brew',
        description: 'Brew tea.',
        parameters: {
          type: 'object',
          properties: {
            temperature: { type: 'integer', description: 'Celsius' },
            minutes: { type: 'number' },
            leaves: { type: 'array', items: { type: 'string' } },
            size: { type: 'array', items: { type: 'integer' } },
            options: { type: 'object', properties: { lid: { type: 'boolean' } } },
            extra: { default: null },
          },
          required: ['temperature', 'minutes'],
        },
      },
    ]);
    // The simulated world's correct episode: first acceptable values, optional ("" first) left out.
    expect(brew!.sim?.calls).toEqual([{ name: 'kettle.brew', arguments: { temperature: 80, minutes: 2.5 } }]);
    expect(suite.tools.execute).toBe(false);
    expect(suite.tools.definitions(brew!)).toBe(brew!.tools);
  });

  it('reports questions without answers, answers without questions and bad lines, with file and line', async () => {
    const out = await problems({
      'specs/s.yaml': bfclSuite,
      'specs/data/q.json': jsonl([...questions, { id: 'simple_python_9', question: 'not turns', function: [] }]),
      'specs/data/a.json': `${jsonl([answers[0], { id: 'orphan_3', ground_truth: [] }])}\n{oops\n`,
    });
    expect(out).toEqual([
      'specs/data/q.json:3:36: question: expected array, found string',
      expect.stringMatching(/^specs\/data\/a\.json:3:1: not valid JSON/),
      'specs/data/a.json:2:1: id: no question with id "orphan_3" in specs/data/q.json',
      'specs/data/q.json:2:1: id: no possible answer with id "simple_python_1" in specs/data/a.json',
    ]);
  });

  it('answers: none (the irrelevance category, which has no possible-answer file): the right answer is no call at all', async () => {
    const irrelevant = questions.map((q, i) => ({ ...q, id: `irrelevance_${i}` }));
    const suite = await load({ 'specs/s.yaml': bfclSuite.replace('answers: data/a.json', 'answers: none'), 'specs/data/q.json': jsonl(irrelevant) });
    expect(suite.examples.map((e) => [e.id, e.expected, e.tags])).toEqual([
      ['irrelevance_0', [], ['bfcl', 'irrelevance']],
      ['irrelevance_1', [], ['bfcl', 'irrelevance']],
    ]);
    const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools });
    const example = suite.examples[0]!;
    expect(await scorer.score({ example, output: { answer: 'I cannot do that with these tools.', toolCalls: [] }, trace: [] })).toMatchObject({ pass: true });
    expect(await scorer.score({ example, output: { answer: null, toolCalls: [{ name: 'kettle.brew', arguments: { temperature: 80, minutes: 2.5 } }] }, trace: [] })).toMatchObject({ pass: false });
  });

  it('missing benchmark files are EFILE naming the source field', async () => {
    await expect(load({ 'specs/s.yaml': bfclSuite, 'specs/data/q.json': jsonl(questions) })).rejects.toMatchObject({
      code: 'EFILE',
      message: expect.stringMatching(/^specs\/s\.yaml: source\.answers: .*a\.json: file not found$/),
    });
  });
});

describe('format: humaneval-x and multipl-e', () => {
  const tasks = [
    { task_id: 'JavaScript/0', prompt: '/* Add two numbers. */\nconst add = (a, b) => {\n', canonical_solution: '  return a + b\n}\n', test: 'console.assert(add(2, 3) === 5)\n', declaration: '', example_test: '' },
  ];

  it('humaneval-x: the prompt is the input, prompt + tests are the hidden part, the canonical solution the sim answer', async () => {
    const suite = await load({ 'specs/s.yaml': 'name: s\nsource: {format: humaneval-x, file: he.jsonl}\nscorer: {kind: code, mode: humaneval-x}\n', 'specs/he.jsonl': jsonl(tasks) });
    expect(suite.examples).toEqual([
      expect.objectContaining({
        id: 'JavaScript/0',
        input: { prompt: tasks[0]!.prompt },
        expected: { prefix: tasks[0]!.prompt, tests: tasks[0]!.test },
        tags: ['humaneval-x'],
        sim: expect.objectContaining({ answer: '  return a + b\n}\n' }),
      }),
    ]);
    expect(suite.tools.execute).toBe(true);
  });

  it('multipl-e: tests in the prompt file, or in a tests file joined by name', async () => {
    const prompts = [
      { name: 'HumanEval_1_double', language: 'js', prompt: 'function double(x) {\n', tests: 'const assert = require("node:assert");\nassert.equal(double(2), 4);\n', stop_tokens: ['\nfunction'] },
      { name: 'HumanEval_2_half', language: 'js', prompt: 'function half(x) {\n', stop_tokens: [] },
    ];
    const suite = await load({
      'specs/s.yaml': 'name: s\nsource: {format: multipl-e, file: m.jsonl, tests: t.jsonl}\nscorer: {kind: code}\n',
      'specs/m.jsonl': jsonl(prompts),
      'specs/t.jsonl': jsonl([{ name: 'HumanEval_2_half', tests: 'if (half(4) !== 2) process.exit(1);\n' }]),
    });
    expect(suite.examples.map((e) => [e.id, e.tags, (e.expected as { tests: string }).tests])).toEqual([
      ['HumanEval_1_double', ['multipl-e', 'js'], prompts[0]!.tests],
      ['HumanEval_2_half', ['multipl-e', 'js'], 'if (half(4) !== 2) process.exit(1);\n'],
    ]);
    const ts = await load({
      'specs/s.yaml': 'name: s\nsource: {format: multipl-e, file: m.jsonl}\nscorer: {kind: code, language: typescript}\n',
      'specs/m.jsonl': jsonl([{ name: 'HumanEval_1_double', language: 'ts', prompt: 'function double(x: number): number {\n', tests: 'declare var require: any;\n' }]),
    });
    // Its harness compiles TypeScript with tsc: the examples ask the code scorer to type-check.
    expect(ts.examples[0]!.expected).toMatchObject({ typecheck: true });
    expect((suite.examples[0]!.expected as { typecheck?: boolean }).typecheck).toBeUndefined();
    const out = await problems({ 'specs/s.yaml': 'name: s\nsource: {format: multipl-e, file: m.jsonl}\nscorer: {kind: code}\n', 'specs/m.jsonl': jsonl(prompts) });
    expect(out).toEqual(['specs/m.jsonl:2:1: tests: no tests for "HumanEval_2_half"']);
  });
});
