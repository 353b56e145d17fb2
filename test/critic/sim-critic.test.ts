import { describe, expect, test } from 'vitest';
import { blindView, critiqueRequest, loadTaxonomy, type BlindView } from '../../src/critic/index.js';
import { simWorldSchema } from '../../src/config/index.js';
import type { TraceEvent } from '../../src/core/records.js';
import { seedFor } from '../../src/llm/index.js';
import type { SimChatRequest } from '../../src/llm/sim/types.js';
import { coinedLabels, PROPOSE_RATE } from '../../src/llm/sim/world/critic.js';
import { createWorld, phrases, type World } from '../../src/llm/sim/world/index.js';
import { weatherSuite } from '../llm/world-fixtures.js';
import { example } from './records.js';

/** The simulated critic answering critique requests exactly as the pipeline builds them. */
const taxonomy = await loadTaxonomy();

function world(config: Record<string, unknown> = {}, suites = [weatherSuite]): World {
  return createWorld({ config: simWorldSchema.parse({ mislabelRate: 0, ...config }), suites });
}

function call(step: number, name: string, args: unknown): TraceEvent {
  return { type: 'tool_call', step, id: `c${step}`, name, arguments: args };
}
function said(step: number, content: string, finishReason = 'stop'): TraceEvent {
  return { type: 'llm_call', step, request: { messages: 1, lastRole: 'user', tools: 0 }, response: { content, toolCalls: [], finishReason }, usage: { promptTokens: 1, completionTokens: 1 }, cached: false, latencyMs: 1 };
}

function view(trace: TraceEvent[], answer: string, outcome?: { status: 'pass' | 'fail'; feedback: string }, id = 'e1'): BlindView {
  return blindView(example(id), { output: { answer, toolCalls: [] }, trace, ...(outcome ? { outcome } : {}) }, undefined);
}

function ask(target: World, v: BlindView, sampleIndex = 0): { verdict: string; symptoms: Array<{ label: string; evidence: string; step: number | null }> } {
  const request = critiqueRequest(v, taxonomy);
  const body: SimChatRequest = { model: 'sim-critic', messages: request.messages as SimChatRequest['messages'], response_format: request.responseFormat!, seed: seedFor(sampleIndex) };
  return JSON.parse(target.respond(body).content!) as ReturnType<typeof ask>;
}

const failed = (feedback: string) => ({ status: 'fail' as const, feedback });

describe('the simulated critic', () => {
  const w = world();
  test.each([
    ['refusal', [said(1, phrases.refusal)], phrases.refusal, failed('answer does not match'), phrases.refusal],
    ['looping', [call(1, 'get', { a: 1 }), call(2, 'get', { a: 1 }), call(3, 'get', { a: 1 })], '', failed('the agent failed: step limit (3)'), '{"a":1}'],
    ['premature-termination', [call(1, 'lookup_city', { name: 'Paris' }), said(2, phrases.nextStep('get_weather'))], phrases.nextStep('get_weather'), failed('expected 2 calls, got 1'), phrases.nextStep('get_weather')],
    ['ignored-instruction', [said(1, `25 degrees\n\n${phrases.ownWay}`)], `25 degrees\n\n${phrases.ownWay}`, failed('no match'), phrases.ownWay],
    ['incorrect-output-format', [said(1, `${phrases.formatLead} **18**`)], `${phrases.formatLead} **18**`, failed('no match'), phrases.formatLead],
    ['missing-required-step', [call(1, 'get_weather', { city_id: 7 })], 'Sunny', failed('expected 2 calls, got 1\ncall 2 get_weather(city_id=7): not made'), 'expected 2 calls, got 1'],
    ['wrong-action-order', [call(1, 'b', {}), call(2, 'a', {})], 'x', failed('call 1 a(): got b({}): wrong function: called b, expected a\ncall 2 b(): got a({}): wrong function: called a, expected b'), 'wrong function: called b, expected a'],
    ['wrong-tool', [call(1, 'send_report', {})], 'x', failed('call 1 lookup_city(): got send_report({}): wrong function: called send_report, expected lookup_city'), 'wrong function: called send_report, expected lookup_city'],
    ['invalid-tool-arguments', [call(1, 'get', { units: 'f' })], 'x', failed('call 1 get(units="c"): got get({"units":"f"}): parameter units: "f" is not one of ["c"]'), 'parameter units: "f" is not one of'],
    ['hallucinated-fact', [call(1, 'get', {}), said(2, '25 degrees and rainy')], '25 degrees and rainy', failed('[regex: fail] answer "25 degrees and rainy": it does not match /18/'), '25 degrees and rainy'],
  ])('labels %s from what the view shows, quoting it', (label, trace, answer, outcome, evidence) => {
    const v = view(trace as TraceEvent[], answer as string, outcome as ReturnType<typeof failed>);
    const reply = ask(w, v);
    expect(reply.verdict).toBe('fail');
    expect(reply.symptoms).toHaveLength(1);
    expect(reply.symptoms[0]?.evidence).toBe(evidence);
    // Its own name for the same thing, now and then (PROPOSE_RATE), is still a right reading.
    expect([label, coinedLabels[label as string]]).toContain(reply.symptoms[0]?.label);
  });

  test('a clean pass has no symptoms; a pass that shows a symptom is a fragile pass', () => {
    expect(ask(w, view([said(1, '18 degrees')], '18 degrees', { status: 'pass', feedback: 'ok' }))).toEqual({ verdict: 'pass', symptoms: [] });
    const fragile = ask(w, view([said(1, `${phrases.formatLead} **18**`)], `${phrases.formatLead} **18**`, { status: 'pass', feedback: 'matches' }));
    expect(fragile.verdict).toBe('fragile-pass');
    expect(fragile.symptoms[0]?.label).toBe('incorrect-output-format');
  });

  test('as a scorer (no outcome) it fails what shows a symptom and passes the rest', () => {
    expect(ask(w, view([said(1, phrases.refusal)], phrases.refusal)).verdict).toBe('fail');
    expect(ask(w, view([said(1, 'Seven cups.')], 'Seven cups.'))).toEqual({ verdict: 'pass', symptoms: [] });
  });

  test('reads only the view: the same request gets the same answer from a world that knows no suite at all', () => {
    const v = view([call(1, 'get_weather', { city_id: 7 })], 'Sunny', failed('expected 2 calls, got 1'), 'paris');
    expect(ask(world({}, []), v)).toEqual(ask(w, v));
  });

  test('mislabels about mislabelRate of its labels, seeded by the request; coins a label of its own now and then', () => {
    const noisy = world({ mislabelRate: 0.3, seed: 4 });
    const views = Array.from({ length: 600 }, (_, i) => view([said(1, phrases.refusal)], phrases.refusal, failed(`no match (${i})`), `e${i}`));
    const labels = views.map((v) => ask(noisy, v).symptoms[0]!.label);
    const wrong = labels.filter((label) => label !== 'refusal');
    const coined = labels.filter((label) => !taxonomy.has(label));
    expect(wrong.length / labels.length).toBeGreaterThan(0.3 * (1 - PROPOSE_RATE) + PROPOSE_RATE - 0.08);
    expect(wrong.length / labels.length).toBeLessThan(0.3 * (1 - PROPOSE_RATE) + PROPOSE_RATE + 0.08);
    expect(coined.length).toBeGreaterThan(0);
    expect(coined.length / labels.length).toBeLessThan(0.06);
    expect(new Set(wrong.filter((label) => taxonomy.has(label))).size).toBeGreaterThan(5);
    // Seeded: the same request, the same answer; another sample index, a fresh draw.
    expect(views.slice(0, 20).map((v) => ask(noisy, v).symptoms[0]!.label)).toEqual(labels.slice(0, 20));
    const resampled = views.map((v) => ask(noisy, v, 1).symptoms[0]!.label);
    expect(resampled).not.toEqual(labels);
  });

  test('a request without a readable view gets no content (the server then makes an instance of the schema)', () => {
    const request = critiqueRequest(view([], 'x'), taxonomy);
    const body: SimChatRequest = { model: 'm', messages: [request.messages[0] as SimChatRequest['messages'][number], { role: 'user', content: 'not a view' }], response_format: request.responseFormat! };
    expect(w.respond(body)).toEqual({ content: null, toolCalls: [], finishReason: 'stop' });
  });
});
