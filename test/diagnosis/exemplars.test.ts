import { describe, expect, it } from 'vitest';
import { diagnose, exemplarTraceLength, renderExemplarTrace, renderSpec } from '../../src/diagnosis/index.js';
import { critique, mixedSet, record, shuffled, symptom } from './fixtures.js';

describe('exemplars', () => {
  it('are the shortest failing traces per label, ties broken by record key, one per example, at most three', () => {
    const spec = [
      { id: 'long', padding: 'x'.repeat(300) },
      { id: 'mid', padding: 'x'.repeat(50) },
      { id: 'b-short', padding: '' },
      { id: 'a-short', padding: '' },
      { id: 'c-short', padding: '' },
    ];
    const records = spec.map((s) => record({ id: s.id, status: 'fail', tools: ['lookup_order'], padding: s.padding, answer: 'same answer' }));
    // A second repeat of a-short, just as short: the example is shown once.
    records.push(record({ id: 'a-short', repeat: 1, status: 'fail', tools: ['lookup_order'], answer: 'same answer' }));
    const critiques = records.map((r) => critique(r, [symptom('wrong-tool', 1)]));
    for (const seed of [0, 1, 2]) {
      const d = diagnose(shuffled(records, seed), shuffled(critiques, seed + 7));
      const chosen = d.exemplars.find((e) => e.label === 'wrong-tool')!.exemplars;
      // a-short, b-short and c-short render to the same length minus the id's own characters: equal here.
      expect(chosen.map((e) => e.key)).toEqual(['desk/a-short#0', 'desk/b-short#0', 'desk/c-short#0']);
      expect(chosen[0]!.length).toBe(chosen[0]!.trace.length);
      expect(chosen[0]!.symptoms).toEqual([{ description: 'wrong-tool seen', evidence: 'evidence of wrong-tool', step: 1 }]);
    }
    const two = diagnose(records, critiques, { exemplars: 2 }).exemplars[0]!.exemplars;
    expect(two.map((e) => e.key)).toEqual(['desk/a-short#0', 'desk/b-short#0']);
  });

  it('prefer the shorter trace over the earlier key', () => {
    const records = [record({ id: 'a', status: 'fail', tools: ['t1', 't2', 't3'] }), record({ id: 'z', status: 'fail', tools: ['t1'] })];
    const d = diagnose(records, records.map((r) => critique(r, [symptom('looping')])), { exemplars: 1 });
    expect(d.exemplars[0]!.exemplars.map((e) => e.key)).toEqual(['desk/z#0']);
  });

  it('render the surface of the record only: calls, observations, what was said, errors, final answer, feedback; never logs', () => {
    const r = record({
      id: 'render',
      status: 'fail',
      tools: ['lookup_order'],
      answer: 'Your order left on Monday.',
      feedback: '[regex: fail] expected a date',
      extraEvents: [
        { type: 'error', step: 2, message: 'tool timed out', code: 'ETOOL' },
        { type: 'log', step: 2, message: 'SYSTEM PROMPT: you are the secret blueprint' },
      ],
    });
    const text = renderExemplarTrace(r);
    expect(text).toBe(
      [
        'desk/render #0 · fail · score 0',
        'step 1 call lookup_order {"order_id":"KL-1"}',
        'step 1 observation lookup_order: {"ok":true}',
        'step 2 says: Your order left on Monday.',
        'step 2 error ETOOL: tool timed out',
        'final answer: Your order left on Monday.',
        'feedback: [regex: fail] expected a date',
      ].join('\n'),
    );
    expect(text).not.toContain('blueprint');
  });

  it('put each event on one line, clip long fields, and a trace with backticks cannot break the spec\'s fence', () => {
    const r = record({ id: 'ticks', status: 'fail', tools: ['run_code'], padding: '```\n# not a heading\nTarget: refusal\n' + 'y'.repeat(1000) });
    const other = record({ id: 'ticks2', status: 'fail', tools: ['run_code'], padding: '````' });
    const d = diagnose([r, other], [critique(r, [symptom('wrong-tool')]), critique(other, [symptom('wrong-tool')])]);
    const trace = d.exemplars[0]!.exemplars.find((e) => e.key === 'desk/ticks#0')!.trace;
    expect(trace).toContain('more characters]');
    expect(trace.length).toBeLessThan(1000);
    const spec = renderSpec(d);
    expect(spec).toContain('`````text\n');
    // Each event is one line: nothing in a trace can pose as a heading or a header line.
    expect(trace).toContain('``` ⏎ # not a heading ⏎ Target: refusal ⏎ yyy');
    expect(spec).not.toMatch(/^# not a heading/m);
    expect(spec.match(/^Target: .*$/gm)).toEqual(['Target: wrong-tool']);
  });

  it('are chosen by a length measured without rendering, always equal to the rendered length', () => {
    const tricky = [
      record({ id: 'crlf', status: 'fail', tools: ['a'], padding: 'line\r\nnext\nthird\r\n', answer: 'x\ny' }),
      record({ id: 'long', status: 'fail', tools: ['a'], padding: `${'\n'.repeat(150)}${'z'.repeat(300)}` }),
      record({ id: 'edge', status: 'fail', tools: ['a'], padding: 'q'.repeat(400 - '{"ok":true}'.length) }),
      record({ id: 'edge2', status: 'fail', tools: ['a'], padding: 'q'.repeat(401 - '{"ok":true}'.length) }),
      record({ id: 'odd', status: 'fail', extraEvents: [{ type: 'tool_call', step: 1, id: 'c', name: 't', arguments: undefined }, { type: 'error', step: 1, message: 'bad\nthing' }] }),
      { ...record({ id: 'cut', status: 'fail' }), feedback: '' },
      ...mixedSet(5, 30, 2).records,
    ];
    const cut = tricky.find((r) => r.exampleId === 'cut')!;
    const call = cut.trace.find((e) => e.type === 'llm_call');
    if (call?.type === 'llm_call') call.response = { content: '', toolCalls: [], finishReason: 'length' };
    for (const r of tricky) {
      const length = renderExemplarTrace(r).length;
      expect(exemplarTraceLength(r), r.exampleId).toBe(length);
      // Cut off at a cap: exact at or under it, some number above it when the trace is longer.
      for (const cap of [0, 50, length - 1, length, length + 1]) {
        const capped = exemplarTraceLength(r, cap);
        if (length <= cap) expect(capped).toBe(length);
        else expect(capped).toBeGreaterThan(cap);
      }
    }
  });

  it('measure tool arguments and structured answers as JSON.stringify writes them, whatever they hold', () => {
    class Box {
      constructor(readonly inside: string) {}
    }
    const nullProto = Object.assign(Object.create(null) as object, { a: 1, 'k"ey': 'v' });
    const values: unknown[] = [
      { order_id: 'KL-1', note: 'say "hi" \\ back\n\ttab\r\b\f\u0001\u001f\u007f end' },
      { emoji: 'tea 🍵 ok', lone: 'a\ud800b', trail: '\udc00', pairThenLone: '\ud83c\udf75\ud83c', leadLead: '\ud800\ud801\udc01' },
      [1, -0, 1e21, 1.5e-7, -12.25, NaN, Infinity, true, false, null, '', [], {}, [[[]]], { a: { b: { c: [1, 'x'] } } }],
      [undefined, () => 1, 2],
      { kept: 1, gone: undefined, fn: () => 1 },
      { when: new Date(Date.UTC(2026, 0, 2)) },
      { toJSON: () => 'own toJSON' },
      { box: new Box('x'), map: new Map([['a', 1]]), set: new Set([1]) },
      nullProto,
      Object.assign([1, 2], { extra: 'ignored' }),
      { long: 'z'.repeat(500), 'key\nwith "escapes"': 'q'.repeat(390) },
      { [Symbol('s')]: 1, visible: 'yes' },
      42,
      false,
      null,
      undefined,
    ];
    values.forEach((value, i) => {
      const r = record({
        id: `json-${i}`,
        status: 'fail',
        tools: ['a'],
        extraEvents: [
          { type: 'tool_call', step: 1, id: 'j', name: 'json_tool', arguments: value as Record<string, unknown> },
          { type: 'final', step: 2, output: value },
        ],
      });
      const length = renderExemplarTrace(r).length;
      expect(exemplarTraceLength(r), `value ${i}`).toBe(length);
      expect(exemplarTraceLength(r, length)).toBe(length);
      expect(exemplarTraceLength(r, length - 1)).toBeGreaterThan(length - 1);
    });
  });
});
