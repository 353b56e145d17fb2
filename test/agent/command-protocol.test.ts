import { describe, expect, test } from 'vitest';
import { StdoutReader } from '../../src/agent/command/protocol.js';
import { EpisodeTrace } from '../../src/agent/trace.js';

function read(lines: string[]) {
  const trace = new EpisodeTrace();
  const reader = new StdoutReader(trace);
  lines.forEach(reader.onLine);
  return { result: reader.result(), events: trace.events };
}

describe('reading a command agent’s stdout', () => {
  test('events go into the trace, the last line is the output, earlier plain lines are logs', () => {
    const { result, events } = read([
      'starting up',
      JSON.stringify({ event: { type: 'tool_call', name: 'lookup', arguments: { id: 1 }, id: 'c1' } }),
      JSON.stringify({ event: { type: 'observation', name: 'lookup', content: 'found', toolCallId: 'c1' } }),
      JSON.stringify({ event: { type: 'error', message: 'retrying', code: 'E1' } }),
      '{"draft": true}',
      '',
      '{"answer": "42"}',
      '   ',
    ]);
    expect(result).toEqual({ ok: true, output: { answer: '42' } });
    expect(events).toEqual([
      { type: 'tool_call', step: 0, id: 'c1', name: 'lookup', arguments: { id: 1 } },
      { type: 'observation', step: 0, toolCallId: 'c1', name: 'lookup', content: 'found' },
      { type: 'error', step: 0, message: 'retrying', code: 'E1' },
      { type: 'log', step: 0, message: 'stdout: starting up' },
      { type: 'log', step: 0, message: 'stdout: {"draft": true}' },
    ]);
  });

  test('a malformed event is logged, not fatal', () => {
    const { result, events } = read([JSON.stringify({ event: { type: 'tool_call' } }), '{"answer": 1}']);
    expect(result.ok).toBe(true);
    expect(events[0]).toMatchObject({ type: 'log', message: expect.stringMatching(/^stdout line 1: malformed event ignored \(name: /) });
  });

  test('no final object: nothing printed, an event last, an array, prose', () => {
    expect(read([]).result).toEqual({ ok: false, reason: 'no output: the program printed no final JSON object on stdout' });
    expect(read(['{"answer": 1}', JSON.stringify({ event: { type: 'log', message: 'bye' } })]).result).toEqual({
      ok: false,
      reason: 'no output: the last line of stdout was an event, not the final JSON object',
    });
    expect(read(['[1, 2]']).result).toEqual({ ok: false, reason: 'non-JSON output: stdout line 1 is JSON but not an object: [1, 2]' });
    const long = `Answer: ${'z'.repeat(500)}`;
    expect(read([long]).result).toEqual({ ok: false, reason: `non-JSON output: stdout line 1 is not JSON: ${long.slice(0, 200)}… (508 characters)` });
  });

  test('an object with an "event" key and others is output, not an event', () => {
    expect(read(['{"event": "launch", "answer": "ok"}']).result).toEqual({ ok: true, output: { event: 'launch', answer: 'ok' } });
  });
});
