import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { exampleSchema, simFailureModes, simSuiteSchema, type SimFailureMode } from '../../src/config/index.js';
import { phrases } from '../../src/llm/sim/world/index.js';
import { isCorrect, play, request, world } from './world-fixtures.js';

/**
 * Each failure mode must leave a signature a reader of the trace alone can recognise. One
 * example per mode, each depending on one need whose rule the prompt lacks, so every sample
 * fails with that mode.
 */

const TOOLS = ['search', 'fetch', 'summarize'];
const ADD = 'function add(a, b) {\n  return a + b;\n}';

const needs = Object.fromEntries(simFailureModes.map((mode) => [mode, { mode, tool: 'fetch', rule: `Rule against ${mode}.` }]));
const toolTask = (mode: string) => `Report the quarterly revenue (${mode}).`;
const codeTask = (mode: string) => `Write add(a, b) in JavaScript (${mode}).`;
const suite = {
  name: 'modes',
  sim: simSuiteSchema.parse({ needs }),
  examples: simFailureModes.flatMap((mode) => [
    {
      id: `tool-${mode}`,
      input: toolTask(mode),
      sim: {
        needs: [mode],
        calls: [
          { name: 'search', arguments: { query: 'quarterly revenue 2023' } },
          { name: 'fetch', arguments: { id: 42, section: 'revenue' } },
        ],
        answer: 'Revenue was 12 million',
        wrong: 'Revenue was 15 million',
      },
    },
    { id: `code-${mode}`, input: codeTask(mode), sim: { needs: [mode], answer: ADD } },
  ]).map((e) => exampleSchema.parse(e)),
};

const w = world({}, [suite]);
const playTool = (mode: SimFailureMode, tools = TOOLS) => play(w, request(toolTask(mode), { tools, seed: 3 }));
const playCode = (mode: SimFailureMode) => play(w, request(codeTask(mode), { seed: 3 }));
const args = (transcript: ReturnType<typeof playTool>) => transcript.calls.map((c) => `${c.name} ${c.arguments}`);
const SEARCH = 'search {"query":"quarterly revenue 2023"}';
const FETCH = 'fetch {"id":42,"section":"revenue"}';

/** Runs a function definition and calls add(2, 3) in a fresh context. */
function addOf(code: string): unknown {
  return new Script(`${code}\nadd(2, 3);`).runInNewContext({});
}

describe('failure modes of a tool-using episode, as the trace shows them', () => {
  it('passes with the annotated calls, one per turn, then the answer', () => {
    const t = play(w, request(toolTask('refuse'), { system: 'Rule against refuse.', tools: TOOLS, seed: 3 }));
    expect(args(t)).toEqual([SEARCH, FETCH]);
    expect(t.answer).toBe('Revenue was 12 million');
    expect(t.replies.map((r) => r.finishReason)).toEqual(['tool_calls', 'tool_calls', 'stop']);
  });

  it('skip-tool: the need\'s tool is never called, and the answer is wrong', () => {
    const t = playTool('skip-tool');
    expect(args(t)).toEqual([SEARCH]);
    expect(t.answer).toBe('Revenue was 15 million');
  });

  it('wrong-order: the same calls, swapped', () => {
    expect(args(playTool('wrong-order'))).toEqual([FETCH, SEARCH]);
  });

  it('bad-args: the need\'s call with one argument changed from what the task says', () => {
    expect(args(playTool('bad-args'))).toEqual([SEARCH, 'fetch {"id":43,"section":"revenue"}']);
  });

  it('wrong-tool: an offered tool the task does not need, in place of the need\'s tool', () => {
    expect(args(playTool('wrong-tool'))).toEqual([SEARCH, 'summarize {"id":42,"section":"revenue"}']);
  });

  it('bad-format: the right calls and the right content, wrapped in chat prose', () => {
    const t = playTool('bad-format');
    expect(args(t)).toEqual([SEARCH, FETCH]);
    expect(t.answer).toBe(`${phrases.formatLead} **Revenue was 12 million**\n\n${phrases.formatTail}`);
  });

  it('premature-stop: stops before the need\'s call, announcing it', () => {
    const t = playTool('premature-stop');
    expect(args(t)).toEqual([SEARCH]);
    expect(t.answer).toBe('I will call fetch next to finish this task.');
  });

  it('hallucinate: the right calls, then a wrong fact', () => {
    const t = playTool('hallucinate');
    expect(args(t)).toEqual([SEARCH, FETCH]);
    expect(t.answer).toBe('Revenue was 15 million');
  });

  it('ignore-instruction: the right calls, a wrong answer and the admission', () => {
    const t = playTool('ignore-instruction');
    expect(args(t)).toEqual([SEARCH, FETCH]);
    expect(t.answer).toBe(`Revenue was 15 million\n\n${phrases.ownWay}`);
  });

  it('loop: the need\'s call repeated identically until the step limit', () => {
    const t = play(w, request(toolTask('loop'), { tools: TOOLS, seed: 3 }), 6);
    expect(args(t)).toEqual([SEARCH, FETCH, FETCH, FETCH, FETCH, FETCH]);
    expect(t.answer).toBeNull();
  });

  it('refuse: no calls, a refusal', () => {
    const t = playTool('refuse');
    expect(t.calls).toEqual([]);
    expect(t.answer).toBe(phrases.refusal);
  });

  it('takes another expected tool for wrong-tool when nothing else is offered, and skips the call when nothing at all is', () => {
    expect(args(playTool('wrong-tool', ['search', 'fetch']))).toEqual([SEARCH, 'search {"id":42,"section":"revenue"}']);
    expect(args(playTool('wrong-tool', ['fetch']))).toEqual([]);
  });

  it('never calls a tool the request does not offer, in any mode', () => {
    for (const mode of [undefined, ...simFailureModes]) {
      for (const tools of [[], ['search'], ['fetch'], ['summarize'], ['fetch', 'summarize'], TOOLS]) {
        const system = mode === undefined ? simFailureModes.map((m) => `Rule against ${m}.`).join(' ') : '';
        const t = play(w, request(toolTask(mode ?? 'loop'), { system, tools, seed: 1 }), 4);
        for (const call of t.calls) expect(tools).toContain(call.name);
      }
    }
  });

  it('calls nothing under tool_choice "none"', () => {
    const t = play(w, request(toolTask('bad-args'), { tools: TOOLS, toolChoice: 'none', seed: 3 }));
    expect(t.calls).toEqual([]);
    expect(typeof t.answer).toBe('string');
  });

  it('never plays a failing episode that looks like the passing one', () => {
    for (const mode of simFailureModes) {
      const example = suite.examples.find((e) => e.id === `tool-${mode}`)!;
      expect(isCorrect(playTool(mode), example.sim!)).toBe(false);
    }
  });
});

describe('failure modes of a code answer (no calls)', () => {
  it('passes with the annotated code', () => {
    const t = play(w, request(codeTask('refuse'), { system: 'rule against REFUSE.', seed: 3 }));
    expect(t.calls).toEqual([]);
    expect(t.answer).toBe(ADD);
    expect(addOf(t.answer!)).toBe(5);
  });

  it('bad-format: the right code in a markdown fence, with a sentence before it', () => {
    const answer = playCode('bad-format').answer!;
    expect(answer).toContain(`\`\`\`javascript\n${ADD}\n\`\`\``);
    expect(answer.startsWith(phrases.codeLead)).toBe(true);
    expect(() => addOf(answer)).toThrow(SyntaxError);
  });

  it('premature-stop: the header with a stub body', () => {
    const answer = playCode('premature-stop').answer!;
    expect(answer).toBe(`function add(a, b) {\n${phrases.stubBody}\n}\n`);
    expect(addOf(answer)).toBeUndefined();
  });

  it('hallucinate and the modes about calls: code that parses but computes something else', () => {
    for (const mode of ['hallucinate', 'skip-tool', 'wrong-order', 'bad-args', 'wrong-tool'] as const) {
      const t = playCode(mode);
      expect(t.calls).toEqual([]);
      expect(t.answer).not.toBe(ADD);
      expect(addOf(t.answer!)).not.toBe(5);
    }
  });

  it('ignore-instruction: broken code under a comment admitting it', () => {
    const answer = playCode('ignore-instruction').answer!;
    expect(answer.startsWith(`// ${phrases.ownWay}\n`)).toBe(true);
    expect(addOf(answer)).not.toBe(5);
  });

  it('loop: one line repeated until the length limit', () => {
    const t = playCode('loop');
    expect(t.finishReason).toBe('length');
    expect(t.answer!.split('\n')).toEqual(Array.from({ length: phrases.loopRepeats }, () => phrases.loopLine));
  });

  it('refuse: a refusal instead of code', () => {
    expect(playCode('refuse').answer).toBe(phrases.refusal);
  });
});

describe('answers of other kinds', () => {
  const kinds = {
    name: 'kinds',
    sim: simSuiteSchema.parse({
      needs: {
        format: { mode: 'bad-format', rule: 'Format well.' },
        fact: { mode: 'hallucinate', rule: 'Check facts.' },
        unnecessary: { mode: 'wrong-tool', tool: 'search', rule: 'Answer directly.' },
      },
    }),
    examples: [
      { id: 'json', input: 'Give the order as JSON.', sim: { needs: ['format'], answer: '{"item":"pen","qty":2}' } },
      { id: 'json-fact', input: 'Give the order as JSON, checked.', sim: { needs: ['fact'], answer: '{"item":"pen","qty":2}' } },
      { id: 'city', input: 'Capital of France?', sim: { needs: ['fact'], answer: 'Paris' } },
      { id: 'count', input: 'How many legs has a spider?', sim: { needs: ['fact'], answer: '8 legs' } },
      { id: 'direct', input: 'What is 2 + 2?', sim: { needs: ['unnecessary'], answer: '4' } },
      { id: 'calls-only', input: 'Book a table for two.', sim: { needs: ['fact'], calls: [{ name: 'book', arguments: { people: 2 } }] } },
      { id: 'calls-format', input: 'Book a table for four.', sim: { needs: ['format'], calls: [{ name: 'book', arguments: { people: 4 } }] } },
    ].map((e) => exampleSchema.parse(e)),
  };
  const k = world({}, [kinds]);
  const run = (task: string, tools?: string[]) => play(k, request(task, { seed: 2, ...(tools ? { tools } : {}) }));

  it('wraps JSON in a fenced block when the format is wrong, and changes a value when the fact is', () => {
    expect(run('Give the order as JSON.').answer).toBe(`${phrases.formatLead}\n\n\`\`\`json\n{"item":"pen","qty":2}\n\`\`\``);
    expect(JSON.parse(run('Give the order as JSON, checked.').answer!)).toEqual({ item: 'pe', qty: 2 });
  });

  it('states a different fact for plain text', () => {
    expect(run('Capital of France?').answer).toBe('Pariss');
    expect(run('How many legs has a spider?').answer).toBe('9 legs');
  });

  it('makes an unneeded call for wrong-tool when a tool is on offer, and only then', () => {
    const t = run('What is 2 + 2?', ['search', 'calc']);
    expect(t.calls).toEqual([{ name: 'search', arguments: '{}' }]);
    expect(t.answer).toBe('5');
    expect(run('What is 2 + 2?').calls).toEqual([]);
  });

  it('shows a call-only example\'s failure in its calls: a changed argument, or arguments that are not JSON', () => {
    expect(run('Book a table for two.', ['book']).calls).toEqual([{ name: 'book', arguments: '{"people":3}' }]);
    const malformed = run('Book a table for four.', ['book']).calls[0]!.arguments;
    expect(malformed).toBe("{'people':4}");
    expect(() => JSON.parse(malformed)).toThrow();
  });
});
