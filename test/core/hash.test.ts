import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashValue, sha256, stableStringify, unitHash } from '../../src/core/hash.js';

/** The definition stableStringify must keep to: JSON.stringify of a copy with keys sorted at every depth. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const source = v as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(source).sort()) if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
      return sorted;
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

/** A deterministic pseudo-random generator, so a failing case can be replayed. */
function generator(seed: number) {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const keys = ['a', 'b', 'B', 'z', 'é', 'ab', '', 'model', 'messages', '10', '2', '0', 'k"q', 'x\ny', '\ud800'];
  const leaf = (): unknown => [null, true, false, 0, -0, 1.5, -7, NaN, Infinity, 'text', '', 'q"\\\n\u2028', undefined][Math.floor(next() * 13)];
  const value = (depth: number): unknown => {
    const pick = next();
    if (depth > 3 || pick < 0.4) return leaf();
    if (pick < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) object[keys[Math.floor(next() * keys.length)] as string] = value(depth + 1);
    return object;
  };
  return value;
}

describe('stableStringify', () => {
  it('sorts keys at every depth and drops undefined values', () => {
    expect(stableStringify({ b: 1, a: { d: [3, { f: 1, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"f":1}]},"b":1}');
    expect(stableStringify([undefined, NaN, -0])).toBe('[null,null,0]');
  });

  it('gives the text of its definition for unusual values', () => {
    const withProto = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown;
    const cases: unknown[] = [
      { 10: 'a', 2: 'b', x: 'c', 0: 'd' },
      withProto,
      { toJSON: () => 'replaced', a: 1 },
      { when: new Date(0), buffer: Buffer.from('hi'), map: new Map([[1, 2]]) },
      { fn: () => 1, list: [() => 1, Symbol('s')], s: Symbol('t') },
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      [new String('boxed'), new Number(3)],
      undefined,
      () => 1,
    ];
    for (const value of cases) expect(stableStringify(value)).toBe(reference(value));
  });

  it('matches its definition on generated values', () => {
    const value = generator(7);
    for (let i = 0; i < 5_000; i++) {
      const sample = value(0);
      expect(stableStringify(sample)).toBe(reference(sample));
    }
  });

  it('throws as its definition does (BigInt, cycles)', () => {
    expect(() => stableStringify({ n: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stableStringify(cycle)).toThrow(RangeError);
  });
});

describe('hashes', () => {
  it('are sha256 of the stable text', () => {
    const value = { model: 'm', messages: [{ role: 'user', content: 'hi' }], seed: 3 };
    expect(sha256('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(sha256(Buffer.from('abc'))).toBe(sha256('abc'));
    expect(hashValue(value)).toBe(createHash('sha256').update(reference(value)).digest('hex'));
    expect(hashValue({ b: 1, a: 2 })).toBe(hashValue({ a: 2, b: 1 }));
  });

  it('unitHash is the first 48 bits of sha256 of the joined parts, in [0, 1)', () => {
    const digest = createHash('sha256').update(['run', 3, 'x'].join('\u0000')).digest();
    expect(unitHash('run', 3, 'x')).toBe(digest.readUIntBE(0, 6) / 2 ** 48);
    for (let i = 0; i < 100; i++) {
      const u = unitHash('split', i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
});
