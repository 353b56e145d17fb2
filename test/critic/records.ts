import type { RunRecord, TraceEvent } from '../../src/core/records.js';
import type { LoadedExample, LoadedSuite } from '../../src/suite/types.js';

/** Hand-made records and suites for the critic's unit-level tests (the through-run tests use real runs). */

export const trace: TraceEvent[] = [
  { type: 'log', step: 0, message: 'agent started' },
  {
    type: 'llm_call',
    step: 1,
    request: { messages: 2, lastRole: 'user', tools: 1 },
    response: { content: null, toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: { order_id: 'KL-1023' } }], finishReason: 'tool_calls' },
    usage: { promptTokens: 40, completionTokens: 9 },
    cached: false,
    latencyMs: 12,
  },
  { type: 'tool_call', step: 1, id: 'c1', name: 'lookup_order', arguments: { order_id: 'KL-1023' } },
  { type: 'observation', step: 1, toolCallId: 'c1', name: 'lookup_order', content: 'Error: no order KL-1023' },
  {
    type: 'llm_call',
    step: 2,
    request: { messages: 4, lastRole: 'tool', tools: 1 },
    response: { content: 'Your order is on its way.', toolCalls: [], finishReason: 'stop' },
    usage: { promptTokens: 60, completionTokens: 7 },
    cached: false,
    latencyMs: 10,
  },
  { type: 'final', step: 2, output: { answer: 'Your order is on its way.', toolCalls: [] } },
];

export function example(id: string, extra: Partial<LoadedExample> = {}): LoadedExample {
  return { id, suite: 'desk', split: 'dev', input: `Where is order KL-10234? (${id})`, tags: [], ...extra };
}

export function suite(examples: LoadedExample[], rubric?: string): LoadedSuite {
  return {
    name: 'desk',
    file: '/nowhere/desk.yaml',
    dir: '/nowhere',
    hash: 'h',
    config: { name: 'desk', scorer: { kind: 'exact' }, ...(rubric ? { rubric } : {}) } as LoadedSuite['config'],
    examples,
    tools: { definitions: () => [], execute: true, call: async () => null },
  };
}

export function record(exampleId: string, fields: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'run1',
    suite: 'desk',
    exampleId,
    repeat: 0,
    sampleIndex: 7,
    split: 'dev',
    tags: [],
    status: 'fail',
    output: { answer: 'Your order is on its way.', toolCalls: [{ name: 'lookup_order', arguments: { order_id: 'KL-1023' } }] },
    score: 0,
    feedback: 'call 1 lookup_order(order_id="KL-10234"): got lookup_order({"order_id":"KL-1023"}): parameter order_id: "KL-1023" is not one of ["KL-10234"]',
    trace,
    usage: { calls: 2, cacheHits: 0, retries: 0, promptTokens: 100, completionTokens: 16 },
    startedAt: '2025-06-02T10:00:00.000Z',
    durationMs: 31,
    ...fields,
  };
}
