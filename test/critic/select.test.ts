import { describe, expect, test } from 'vitest';
import { critiqueEach, loadTaxonomy, selectForCritique } from '../../src/critic/index.js';
import type { RunRecord } from '../../src/core/records.js';
import { agentLayer } from '../llm/helpers.js';
import { rawServer, sendJson } from '../llm/raw-server.js';
import { example, record, suite } from './records.js';

/** 200 records: dev and holdout, pass, fail and error, two repeats. */
function records(runId = 'run1'): RunRecord[] {
  const out: RunRecord[] = [];
  for (let i = 0; i < 100; i++) {
    for (const repeat of [0, 1]) {
      const status = i % 10 === 0 ? 'error' : i % 3 === 0 ? 'fail' : 'pass';
      out.push(record(`e${i}`, { runId, repeat, split: i % 5 === 0 ? 'holdout' : 'dev', status }));
    }
  }
  return out;
}

const keys = (list: RunRecord[]) => list.map((r) => `${r.exampleId}#${r.repeat}`).sort();
const shuffled = <T>(list: T[]) => list.map((item, i) => ({ item, k: (i * 7919) % 211 })).sort((a, b) => a.k - b.k).map((x) => x.item);

describe('which records are critiqued', () => {
  test('every dev fail, a sample of dev passes of the configured share; never holdout, never error', () => {
    const all = records();
    const chosen = selectForCritique(all, { samplePasses: 0.25, seed: 1 });
    const devFails = all.filter((r) => r.split === 'dev' && r.status === 'fail');
    const devPasses = all.filter((r) => r.split === 'dev' && r.status === 'pass');
    expect(chosen.filter((r) => r.status === 'fail')).toEqual(devFails);
    expect(chosen.filter((r) => r.status === 'pass')).toHaveLength(Math.ceil(0.25 * devPasses.length));
    expect(chosen.some((r) => r.split === 'holdout' || r.status === 'error')).toBe(false);
  });

  test('the pass sample is seeded: stable under reordering and reruns, different for another seed or run', () => {
    const all = records();
    const a = keys(selectForCritique(all, { samplePasses: 0.2, seed: 1 }));
    expect(keys(selectForCritique(shuffled(all), { samplePasses: 0.2, seed: 1 }))).toEqual(a);
    expect(keys(selectForCritique(all, { samplePasses: 0.2, seed: 1 }))).toEqual(a);
    expect(keys(selectForCritique(all, { samplePasses: 0.2, seed: 2 }))).not.toEqual(a);
    expect(keys(selectForCritique(records('run2'), { samplePasses: 0.2, seed: 1 }))).not.toEqual(a);
  });

  test('a share of 0 critiques only fails, 1 every dev record', () => {
    const all = records();
    expect(selectForCritique(all, { samplePasses: 0, seed: 1 }).every((r) => r.status === 'fail')).toBe(true);
    expect(selectForCritique(all, { samplePasses: 1, seed: 1 })).toHaveLength(all.filter((r) => r.split === 'dev' && r.status !== 'error').length);
  });

  test('records handed straight to the critic are filtered too: a holdout or error record never reaches the model', async () => {
    const server = await rawServer((_, res) => sendJson(res, 200, { choices: [{ message: { role: 'assistant', content: '{"verdict":"fail","symptoms":[]}' }, finish_reason: 'stop' }] }));
    const { layer } = await agentLayer(server.url, {}, { cache: false });
    const given = [record('a', { split: 'holdout' }), record('b', { status: 'error' }), record('c')];
    const ctx = { suites: [suite(['a', 'b', 'c'].map((id) => example(id)))], client: layer.client('critic'), taxonomy: await loadTaxonomy(), options: { maxAttempts: 1, samplePasses: 1 } };
    const out = [];
    for await (const critique of critiqueEach(given, ctx)) out.push(critique.exampleId);
    expect(out).toEqual(['c']);
    expect(server.received).toHaveLength(1);
    expect(JSON.stringify(server.received[0]!.body)).toContain('(c)');
  });
});
