import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/records.js';
import { openModelLayer } from '../../src/llm/index.js';
import type { ModelLayer } from '../../src/llm/types.js';
import { startVersion } from '../../src/study/index.js';
import { shippedProject, shippedWork } from './shipped.js';

/**
 * The direct transport (openModelLayer simTransport: 'direct') against loopback HTTP on the
 * shipped agent and suite: the same records, critiques and candidate, the cache and usage of the
 * client layer intact, refusals coded alike.
 */
const open: ModelLayer[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

/** A record without what only timing decides. */
function comparable(record: RunRecord) {
  const { startedAt: _s, durationMs: _d, ...rest } = record;
  return { ...rest, trace: record.trace.map((event) => (event.type === 'llm_call' ? { ...event, latencyMs: 0 } : event)) };
}

describe('the direct transport to the simulated world', () => {
  it('plays, critiques and synthesizes exactly as over loopback HTTP', async () => {
    const project = await shippedProject({ sim: { seed: 3 } });
    const sides = await Promise.all(
      (['http', 'direct'] as const).map(async (simTransport) => {
        const { models, work, blueprint } = await shippedWork(project, { cache: false, simTransport });
        open.push(models);
        const v0 = startVersion(blueprint);
        const run = await work.run(1, v0);
        const { critiques } = await work.critiques(1, v0);
        const made = await work.synthesis(1, v0);
        return { run, critiques, made, url: models.simURL };
      }),
    );
    const [http, direct] = sides as [(typeof sides)[0], (typeof sides)[0]];
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(direct.url).toBeUndefined(); // no server, no port
    expect(direct.run.records.map(comparable)).toEqual(http.run.records.map(comparable));
    expect(direct.run.passRate).toEqual(http.run.passRate);
    expect(new Set(http.run.records.map((r) => r.status))).toEqual(new Set(['pass', 'fail'])); // a real mix, not a trivial run
    const labels = (c: typeof http.critiques) => c.map((x) => `${x.exampleId}#${x.repeat} ${x.verdict} ${x.symptoms.map((s) => s.label).join(',')}`).sort();
    expect(labels(direct.critiques)).toEqual(labels(http.critiques));
    expect(http.critiques.length).toBeGreaterThan(5);
    expect(direct.made.kind).toBe('candidate');
    expect(direct.made.kind === 'candidate' && direct.made.candidate.hash).toBe(http.made.kind === 'candidate' && http.made.candidate.hash);
    expect(direct.made.cost).toEqual(http.made.cost);
  });

  it('keeps the client layer: the response cache answers a repeated call and usage counts it', async () => {
    const project = await shippedProject();
    const layer = await openModelLayer(project, { simTransport: 'direct' });
    open.push(layer);
    const ask = () => layer.client('agent').chat({ messages: [{ role: 'user', content: 'Hello?' }] }, { sampleIndex: 7 });
    const first = await ask();
    const second = await ask();
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, content: first.content });
    expect(layer.usage().agent).toMatchObject({ calls: 2, cacheHits: 1, promptTokens: first.usage.promptTokens });
  });

  it('gives a request the server refuses the same coded error as HTTP does', async () => {
    const project = await shippedProject();
    const errors = await Promise.all(
      (['http', 'direct'] as const).map(async (simTransport) => {
        const layer = await openModelLayer(project, { cache: false, simTransport });
        open.push(layer);
        return layer
          .client('agent')
          .chat({ messages: [] }, { sampleIndex: 0 })
          .then(
            () => undefined,
            (error: unknown) => error as { code: string; data: Record<string, unknown>; message: string },
          );
      }),
    );
    for (const error of errors) expect(error).toMatchObject({ code: 'EMODEL_REQUEST', data: { status: 400, attempts: 1 } });
    expect(errors[1]!.message.replace(/at \S+/, '')).toBe(errors[0]!.message.replace(/at \S+/, ''));
  });

  it('refuses latency, which only the HTTP server simulates', async () => {
    const project = await shippedProject({ sim: { latencyMs: 20 } });
    await expect(openModelLayer(project, { simTransport: 'direct' })).rejects.toMatchObject({ code: 'EUSAGE', message: expect.stringContaining('latency') });
  });
});
