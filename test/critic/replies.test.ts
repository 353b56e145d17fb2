import type { ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import { blindViewOfRecord, critiqueRecords, loadTaxonomy, type CriticOptions } from '../../src/critic/index.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import { seedFor } from '../../src/llm/index.js';
import { agentLayer } from '../llm/helpers.js';
import { rawServer, sendJson, type Received } from '../llm/raw-server.js';
import { example, record, suite } from './records.js';

/**
 * What comes back from a critic endpoint is untrusted: replies are replayed over real HTTP
 * through the real model layer, and each kind of bad one is asked again, then recorded as
 * unlabelled with the reason, never guessed.
 */
function reply(res: ServerResponse, content: string, finish = 'stop') {
  sendJson(res, 200, { choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }], usage: { prompt_tokens: 50, completion_tokens: 10 } });
}

const good = (symptoms: unknown[] = []) => JSON.stringify({ verdict: 'fail', symptoms });
const symptom = (label: string, evidence = 'Your order is on its way.', step: number | null = 2) => ({ label, description: 'what went wrong', evidence, step });

/** Critiques one failed record against a server that answers attempt k with replies[k] (the last one after that). */
async function critiqueWith(replies: Array<[string, string?]>, options: Partial<CriticOptions> = {}): Promise<{ critique: CritiqueRecord; received: Received[] }> {
  const server = await rawServer((_, res, index) => {
    const [content, finish] = replies[Math.min(index, replies.length - 1)]!;
    reply(res, content, finish);
  });
  const { layer } = await agentLayer(server.url, {}, { cache: false });
  const ctx = { suites: [suite([example('e1')])], client: layer.client('critic'), taxonomy: await loadTaxonomy(), options: { maxAttempts: 3, samplePasses: 0, ...options } };
  const out: CritiqueRecord[] = [];
  for await (const critique of critiqueRecords([record('e1')], ctx)) out.push(critique);
  expect(out).toHaveLength(1);
  return { critique: out[0]!, received: server.received };
}

describe('critic replies', () => {
  test('the request: a critique json_schema, the taxonomy with descriptions and the quoting rule, the blind view as JSON', async () => {
    const { critique, received } = await critiqueWith([[good()]]);
    expect(critique).toMatchObject({ verdict: 'fail', symptoms: [], critic: { attempts: 1, model: 'sim-critic', simulated: false } });
    const body = received[0]!.body as { messages: Array<{ role: string; content: string }>; response_format: { type: string; json_schema: { name: string } }; seed: number };
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.name).toBe('critique');
    expect(body.seed).toBe(seedFor(0));
    const [system, user] = body.messages;
    for (const entry of (await loadTaxonomy()).labels) expect(system!.content).toContain(`- ${entry.label}: ${entry.description}`);
    expect(system!.content).toMatch(/quoted word for word/);
    expect(JSON.parse(user!.content)).toEqual(JSON.parse(JSON.stringify(blindViewOfRecord({ ...record('e1'), status: 'fail' }, example('e1'), undefined))));
  });

  test('a 2 MB description, evidence and label: each stored clipped, and at most 20 symptoms kept', async () => {
    const huge = 'a very long account of the failure '.repeat(60_000);
    const many = Array.from({ length: 30 }, () => symptom('invalid-tool-arguments', 'KL-1023', 1));
    const { critique } = await critiqueWith([[good([{ label: `made up ${huge}`, description: huge, evidence: huge, step: 1 }, ...many])]]);
    expect(huge.length).toBeGreaterThan(2_000_000);
    expect(critique.symptoms).toHaveLength(20);
    const first = critique.symptoms[0]!;
    expect(first.label).toBe('other');
    expect(first.description).toMatch(/^a very long account[\s\S]{900,}… \[\d+ more characters\]$/);
    expect(first.evidence.length).toBeLessThan(1_100);
    expect(first.proposed!.length).toBeLessThan(120);
    expect(JSON.stringify(critique).length).toBeLessThan(10_000);
  });

  test('not JSON, then a good reply: asked again with the next sample index, and labelled', async () => {
    const { critique, received } = await critiqueWith([['The agent used the wrong order id.'], [good([symptom('invalid-tool-arguments', 'KL-1023', 1)])]]);
    expect(critique.verdict).toBe('fail');
    expect(critique.symptoms).toEqual([{ label: 'invalid-tool-arguments', description: 'what went wrong', evidence: 'KL-1023', step: 1, evidenceFound: true }]);
    expect(critique.critic.attempts).toBe(2);
    expect(received.map((r) => r.body.seed)).toEqual([seedFor(0), seedFor(1)]);
    expect(critique.usage).toEqual({ promptTokens: 100, completionTokens: 20 });
  });

  test('cut at max_tokens (finish_reason "length") every time: unlabelled after maxAttempts, with the reason', async () => {
    const { critique, received } = await critiqueWith([['{"verdict": "fail", "symptoms": [{"label": "wrong-to', 'length']]);
    expect(received).toHaveLength(3);
    expect(critique).toMatchObject({ verdict: 'unlabelled', symptoms: [], critic: { attempts: 3 } });
    expect(critique.error).toMatch(/^no usable reply in 3 attempts; the last: .*cut at max_tokens/);
  });

  test('a cut reply that still parses is not trusted either', async () => {
    const { critique } = await critiqueWith([[good(), 'length']], { maxAttempts: 2 });
    expect(critique.verdict).toBe('unlabelled');
    expect(critique.error).toContain('finish_reason "length"');
  });

  test('JSON outside the schema (unknown verdict, symptom without a label) is asked again, then unlabelled', async () => {
    const { critique } = await critiqueWith([[JSON.stringify({ verdict: 'meh', symptoms: [] })], [JSON.stringify({ verdict: 'fail', symptoms: [{ description: 'x', evidence: 'y' }] })]], { maxAttempts: 2 });
    expect(critique.verdict).toBe('unlabelled');
    expect(critique.error).toMatch(/does not follow the critique schema: symptoms\.0\.label/);
    const labelless = await critiqueWith([[good([symptom('!!!')])]], { maxAttempts: 1 });
    expect(labelless.critique.verdict).toBe('unlabelled');
    expect(labelless.critique.error).toContain('no letters or digits');
  });

  test('trailing whitespace and extra keys are tolerated; a missing step is null', async () => {
    const text = `${JSON.stringify({ verdict: 'fail', confidence: 0.9, symptoms: [{ label: 'hallucinated-fact', description: 'd', evidence: 'on its way', extra: 1 }] })}\n\n   \n`;
    const { critique } = await critiqueWith([[text]]);
    expect(critique.critic.attempts).toBe(1);
    expect(critique.symptoms).toEqual([{ label: 'hallucinated-fact', description: 'd', evidence: 'on its way', step: null, evidenceFound: true }]);
  });

  test('labels: spelling normalised; outside the taxonomy kept as other with the proposed name', async () => {
    const { critique } = await critiqueWith([[good([symptom('Wrong_Tool'), symptom('Skipped Lookup'), symptom('other')])]]);
    expect(critique.symptoms.map((s) => [s.label, s.proposed])).toEqual([
      ['wrong-tool', undefined],
      ['other', 'skipped-lookup'],
      ['other', undefined],
    ]);
  });

  test('evidence not in what the critic was shown is kept but flagged; a step the trace lacks becomes null', async () => {
    const { critique } = await critiqueWith([
      [good([symptom('hallucinated-fact', 'The order was delivered yesterday.', 99), symptom('invalid-tool-arguments', '"lookup_order" … "KL-1023"', 1), symptom('hallucinated-fact', '', 2)])],
    ]);
    expect(critique.symptoms.map((s) => [s.evidenceFound, s.step])).toEqual([
      [false, null],
      [true, 1],
      [false, 2],
    ]);
  });

  test('a refused request is not the critic\'s answer: it propagates as EMODEL_REQUEST, nothing is recorded', async () => {
    const server = await rawServer((_, res) => sendJson(res, 400, { error: { message: 'response_format is not supported', type: 'invalid_request_error' } }));
    const { layer } = await agentLayer(server.url, {}, { cache: false });
    const ctx = { suites: [suite([example('e1')])], client: layer.client('critic'), taxonomy: await loadTaxonomy(), options: { maxAttempts: 3, samplePasses: 0 } };
    const out: CritiqueRecord[] = [];
    await expect(
      (async () => {
        for await (const critique of critiqueRecords([record('e1')], ctx)) out.push(critique);
      })(),
    ).rejects.toMatchObject({ code: 'EMODEL_REQUEST' });
    expect(out).toEqual([]);
    expect(server.received).toHaveLength(1);
  });
});
