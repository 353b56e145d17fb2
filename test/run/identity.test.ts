import { describe, expect, it } from 'vitest';
import { computeRunId, identityOfManifest, withoutShard, type RunIdentity } from '../../src/run/identity.js';
import { sampleIndexFor } from '../../src/run/sample-index.js';
import { inShard, parseShard } from '../../src/run/shard.js';
import { buildManifest } from '../../src/run/manifest.js';
import { endpointSchema, simWorldSchema, suiteSchema } from '../../src/config/index.js';
import type { Blueprint } from '../../src/agent/types.js';
import type { LoadedSuite } from '../../src/suite/types.js';

const identity: RunIdentity = {
  agent: 'support',
  blueprintHash: 'b1',
  suites: [{ name: 's', hash: 'h1', repeats: 1 }],
  model: { model: 'm', sampling: { temperature: 0 } },
  seed: 0,
  sampleBase: 0,
};

describe('run id', () => {
  it('changes with every input that determines the results', () => {
    const base = computeRunId(identity);
    const variants: RunIdentity[] = [
      { ...identity, blueprintHash: 'b2' },
      { ...identity, suites: [{ name: 's', hash: 'h2', repeats: 1 }] },
      { ...identity, suites: [{ name: 's', hash: 'h1', repeats: 2 }] },
      { ...identity, model: { model: 'm2', sampling: { temperature: 0 } } },
      { ...identity, model: { model: 'm', sampling: { temperature: 0.5 } } },
      { ...identity, model: { model: 'm', sampling: { temperature: 0 }, world: 'w' } },
      { ...identity, seed: 1 },
      { ...identity, sampleBase: 1 },
      { ...identity, shard: { index: 1, count: 2 } },
    ];
    const ids = new Set([base, ...variants.map(computeRunId)]);
    expect(ids.size).toBe(variants.length + 1);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is stable under key order and recomputable from the manifest without the endpoint URL', () => {
    const suite = { name: 's', file: '/x/s.yaml', dir: '/x', hash: 'h1', config: suiteSchema.parse({ name: 's', examples: [{ id: 'a', input: 'q' }], scorer: { kind: 'exact' } }), examples: [], tools: undefined } as unknown as LoadedSuite;
    const blueprint = { name: 'support', dir: '/a', config: { sampling: { temperature: 0 } }, files: [], hash: 'b1' } as unknown as Blueprint;
    const make = (baseURL: string) =>
      buildManifest({ blueprint, suites: [suite], repeats: undefined, endpoint: endpointSchema.parse({ baseURL }), model: 'm', simulated: false, sim: simWorldSchema.parse({}), seed: 0, sampleBase: 0, shard: undefined });
    const a = make('http://127.0.0.1:1/v1');
    const b = make('http://user:secret@10.0.0.1:2/v1');
    expect(a.runId).toBe(b.runId);
    expect(b.model.baseURL).not.toContain('secret');
    expect(computeRunId(identityOfManifest(a))).toBe(a.runId);
    expect(computeRunId({ ...identity, model: { sampling: { temperature: 0 }, model: 'm' } })).toBe(computeRunId(identity));
    expect(computeRunId(withoutShard({ ...identity, shard: { index: 2, count: 3 } }))).toBe(computeRunId(identity));
  });

  it('includes the in-process simulated world settings but not its latency', () => {
    const suite = { name: 's', hash: 'h', config: { repeats: 1 }, examples: [] } as unknown as LoadedSuite;
    const blueprint = { name: 'a', config: {}, hash: 'b' } as unknown as Blueprint;
    const make = (sim: object) =>
      buildManifest({ blueprint, suites: [suite], repeats: 3, endpoint: endpointSchema.parse({}), model: 'sim-agent', simulated: true, sim: simWorldSchema.parse(sim), seed: 0, sampleBase: 0, shard: undefined }).runId;
    expect(make({ latencyMs: 200 })).toBe(make({}));
    expect(make({ seed: 2 })).not.toBe(make({}));
  });
});

describe('sample indices', () => {
  it('differ across repeats and across fresh repeat ranges, and are reproducible', () => {
    const seen = new Set<number>();
    for (let k = 0; k < 1000; k++) seen.add(sampleIndexFor(7, k));
    expect(seen.size).toBe(1000);
    expect(sampleIndexFor(7, 3)).toBe(sampleIndexFor(7, 3));
    expect(sampleIndexFor(8, 3)).not.toBe(sampleIndexFor(7, 3));
    for (const value of seen) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(2 ** 31);
    }
  });
});

describe('shards', () => {
  it('parse i/n and reject nonsense with EUSAGE', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toBeUndefined();
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(expect.objectContaining({ code: 'EUSAGE' }));
  });

  it('partition the examples: each key in exactly one shard, all shards used', () => {
    const keys = Array.from({ length: 400 }, (_, i) => `suite/ex-${i}`);
    const counts = [0, 0, 0, 0];
    for (const key of keys) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(key, { index, count: 4 }));
      expect(owners).toHaveLength(1);
      counts[(owners[0] ?? 1) - 1]! += 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(50);
  });
});
