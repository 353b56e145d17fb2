import { describe, expect, test } from 'vitest';
import { blindView, blindViewOfRecord, evidenceFound } from '../../src/critic/index.js';
import { FIELD_LIMIT } from '../../src/critic/clip.js';
import { example, record, trace } from './records.js';

describe('the blind view', () => {
  test('holds the task, rubric, outcome, output and the surface trace; nothing that differs between runs', () => {
    const view = blindViewOfRecord({ ...record('e1'), status: 'fail' }, example('e1'), 'Be exact.');
    expect(view).toEqual({
      suite: 'desk',
      exampleId: 'e1',
      task: { text: 'Where is order KL-10234? (e1)' },
      rubric: 'Be exact.',
      outcome: { status: 'fail', feedback: record('e1').feedback },
      output: record('e1').output,
      trace: [
        { step: 1, kind: 'call', tool: 'lookup_order', arguments: { order_id: 'KL-1023' } },
        { step: 1, kind: 'observation', tool: 'lookup_order', content: 'Error: no order KL-1023' },
        { step: 2, kind: 'assistant', text: 'Your order is on its way.' },
      ],
    });
    const text = JSON.stringify(view);
    for (const absent of ['run1', 'sampleIndex', 'startedAt', 'latencyMs', 'agent started', 'lastRole']) expect(text).not.toContain(absent);
  });

  test('the same behaviour in another run gives the same view (so the critic call replays from the cache)', () => {
    const a = blindViewOfRecord({ ...record('e1'), status: 'fail' }, example('e1'), undefined);
    const b = blindViewOfRecord({ ...record('e1', { runId: 'other', repeat: 3, sampleIndex: 99, startedAt: '2030-01-01T00:00:00Z', durationMs: 5 }), status: 'fail' }, example('e1'), undefined);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  test('an object input gives its text and its other fields; long text is clipped; a cut reply is marked', () => {
    const long = 'x'.repeat(FIELD_LIMIT + 50);
    const view = blindView(
      example('e2', { input: { prompt: 'Summarise the ticket.', ticket: long, priority: 2 } }),
      {
        output: { answer: long },
        trace: [
          { type: 'llm_call', step: 1, request: { messages: 1, lastRole: 'user', tools: 0 }, response: { content: 'Let me', toolCalls: [], finishReason: 'length' }, usage: { promptTokens: 1, completionTokens: 1 }, cached: true, latencyMs: 1 },
          { type: 'error', step: 1, message: 'step limit (1)', code: 'ESTEP' },
        ],
      },
      undefined,
    );
    expect(view.task.text).toBe('Summarise the ticket.');
    expect(view.task.fields).toEqual({ ticket: `${'x'.repeat(FIELD_LIMIT)}… [50 more characters]`, priority: 2 });
    expect(view.outcome).toBeUndefined();
    expect(view.output).toEqual({ answer: `${'x'.repeat(FIELD_LIMIT)}… [50 more characters]` });
    expect(view.trace).toEqual([
      { step: 1, kind: 'assistant', text: 'Let me', cut: true },
      { step: 1, kind: 'error', message: 'step limit (1)', code: 'ESTEP' },
    ]);
  });

  test('log events never enter it, whatever they say', () => {
    const view = blindView(example('e3'), { output: {}, trace: [...trace, { type: 'log', step: 2, message: 'stderr: at agent.mjs:3 const system = "SECRET PROMPT"' }] }, undefined);
    expect(JSON.stringify(view)).not.toContain('SECRET PROMPT');
  });

  test('evidence is found in the trace, output or feedback, case and spacing aside, in pieces cut by ellipses', () => {
    const view = blindViewOfRecord({ ...record('e1'), status: 'fail' }, example('e1'), undefined);
    expect(evidenceFound('your order is   ON its way', view)).toBe(true);
    expect(evidenceFound('"Error: no order KL-1023"', view)).toBe(true);
    expect(evidenceFound('{"order_id":"KL-1023"}', view)).toBe(true);
    expect(evidenceFound('is not one of ["KL-10234"]', view)).toBe(true);
    expect(evidenceFound('lookup_order … on its way', view)).toBe(true);
    expect(evidenceFound('lookup_order … delivered', view)).toBe(false);
    expect(evidenceFound('The parcel was lost.', view)).toBe(false);
    expect(evidenceFound('  ', view)).toBe(false);
  });
});
