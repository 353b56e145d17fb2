import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { critiqueRecords, loadTaxonomy } from '../../src/critic/index.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import type { TraceEvent } from '../../src/core/records.js';
import { openModelLayer } from '../../src/llm/index.js';
import { fastRetry, tempProject } from '../llm/helpers.js';
import { example, record, suite } from './records.js';

/**
 * A critic server with a small context, as llama.cpp behaves: GET /props reports the slot's
 * n_ctx (unless `props` is false), and a chat request whose prompt takes more tokens than that
 * (counted as one token per `charsPerToken` characters of its messages) gets llama.cpp's HTTP 400.
 */
function smallServer(options: { nCtx: number; charsPerToken: number; props?: boolean }) {
  const prompts: number[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && req.url === '/props') return options.props === false ? send(404, { error: { code: 404, message: 'File Not Found' } }) : send(200, { default_generation_settings: { n_ctx: options.nCtx }, total_slots: 1 });
      if (req.method === 'GET') return send(404, { error: { code: 404, message: 'File Not Found' } });
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { messages: Array<{ content: string }>; max_tokens?: number };
      const tokens = Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / options.charsPerToken);
      prompts.push(tokens);
      if (tokens + (body.max_tokens ?? 0) > options.nCtx) {
        return send(400, { error: { code: 400, message: `request (${tokens} tokens) exceeds the available context size (${options.nCtx} tokens), try increasing it`, type: 'exceed_context_size_error', n_prompt_tokens: tokens, n_ctx: options.nCtx } });
      }
      send(200, { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify({ verdict: 'fail', symptoms: [] }) } }], usage: { prompt_tokens: tokens, completion_tokens: 9 } });
    });
  });
  return { server, prompts };
}

const closing: Array<() => void> = [];
afterEach(() => closing.splice(0).forEach((close) => close()));

/** Critiques one failed record whose trace holds a 60,000-character observation, against the small server. */
async function critiqueBig(options: Parameters<typeof smallServer>[0], critic: Record<string, unknown> = {}) {
  const { server, prompts } = smallServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const project = await tempProject({ endpoints: { critic: { baseURL: url, model: 'tiny', maxRetries: 0, sampling: { maxTokens: 256 }, ...critic } } });
  const layer = await openModelLayer(project, { retryPolicy: fastRetry, cache: false });
  closing.push(() => void layer.close());
  const trace: TraceEvent[] = [
    { type: 'tool_call', step: 1, id: 'c1', name: 'search', arguments: { q: 'orders' } },
    { type: 'observation', step: 1, toolCallId: 'c1', name: 'search', content: `${'order row; '.repeat(5_000)}END` },
    ...Array.from({ length: 40 }, (_, i): TraceEvent => ({ type: 'error', step: 2 + i, message: `retry ${i}: ${'the lookup timed out again. '.repeat(20)}` })),
  ];
  const ctx = { suites: [suite([example('e1')])], client: layer.client('critic'), taxonomy: await loadTaxonomy(), options: { maxAttempts: 3, samplePasses: 0 } };
  const out: CritiqueRecord[] = [];
  for await (const critique of critiqueRecords([record('e1', { trace })], ctx)) out.push(critique);
  return { critique: out[0]!, prompts };
}

describe("the critic's evidence fits the context window", () => {
  test('read from the server (llama.cpp /props): the view is clipped to fit, and the critic answers', async () => {
    const { critique, prompts } = await critiqueBig({ nCtx: 2_048, charsPerToken: 4 });
    expect(critique).toMatchObject({ verdict: 'fail' });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toBeLessThanOrEqual(2_048 - 256);
  });

  test('declared as endpoints.critic.contextTokens where the server does not say', async () => {
    const { critique, prompts } = await critiqueBig({ nCtx: 3_000, charsPerToken: 4, props: false }, { contextTokens: 3_000 });
    expect(critique).toMatchObject({ verdict: 'fail' });
    expect(prompts).toEqual([expect.any(Number)]);
    expect(prompts[0]).toBeLessThanOrEqual(3_000 - 256);
  });

  test('a tokenizer stingier than the estimate: the over-context refusal clips harder and asks again', async () => {
    const { critique, prompts } = await critiqueBig({ nCtx: 2_048, charsPerToken: 2 });
    expect(critique).toMatchObject({ verdict: 'fail' });
    expect(prompts.length).toBeGreaterThan(1);
    expect(prompts.at(-1)).toBeLessThanOrEqual(2_048 - 256);
  });
});
