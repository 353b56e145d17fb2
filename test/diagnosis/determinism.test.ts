import { describe, expect, it } from 'vitest';
import { isAgentdevelError } from '../../src/core/errors.js';
import { diagnose, renderSpec, serializeDiagnosis } from '../../src/diagnosis/index.js';
import { critique, mixedSet, record, shuffled, symptom } from './fixtures.js';

const bytes = (records: Parameters<typeof diagnose>[0], critiques: Parameters<typeof diagnose>[1]) => {
  const d = diagnose(records, critiques, { agent: 'bot', iteration: 2 });
  return { json: serializeDiagnosis(d), spec: renderSpec(d), d };
};

describe('diagnosis determinism', () => {
  const { records, critiques } = mixedSet(7);

  it('gives byte-identical diagnosis.json and spec.md for the same input, twice', () => {
    const first = bytes(records, critiques);
    const second = bytes(records, critiques);
    expect(second.json).toBe(first.json);
    expect(second.spec).toBe(first.spec);
    // The set is rich enough for the comparison to mean something.
    expect(first.d.target.status).toBe('targeted');
    expect(first.d.candidateClasses.length).toBeGreaterThan(0);
    expect(first.d.fragilePasses.records).toBeGreaterThan(0);
    expect(first.d.coOccurrence.length).toBeGreaterThan(0);
    expect(first.d.population.error).toBeGreaterThan(0);
    expect(first.d.regressionGuard.examples).toBeGreaterThan(0);
  });

  it('does not depend on the order of records or critiques (seeded shuffles), nor on where a duplicate critique comes', () => {
    const reference = bytes(records, critiques);
    for (const seed of [1, 2, 3, 4, 5]) {
      const again = bytes(shuffled(records, seed), shuffled(critiques, seed * 31));
      expect(again.json).toBe(reference.json);
      expect(again.spec).toBe(reference.spec);
    }
    // A second, different critique of one record: whichever comes first, the same one is kept.
    const target = critiques.find((c) => c.symptoms.length > 0)!;
    const rival = { ...target, symptoms: [symptom('looping', 1)] };
    const a = bytes(records, [...critiques, rival]);
    const b = bytes(records, [rival, ...shuffled(critiques, 9)]);
    expect(b.json).toBe(a.json);
    expect(a.d.input.critiquesIgnored.duplicate).toBe(1);
  });

  it('puts no timestamp and no absolute path in its output', () => {
    const { json, spec } = bytes(records, critiques);
    expect(json).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(spec).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(json).not.toContain(process.cwd());
  });
});

describe('holdout records are never diagnosed', () => {
  it('drops holdout records and their critiques at the entrance: nothing of them reaches diagnosis.json or spec.md', () => {
    const { records, critiques } = mixedSet(11);
    const canary = 'CANARY-holdout-7f3a';
    const held = record({ id: `held-${canary}`, status: 'fail', split: 'holdout', tags: [`tag-${canary}`], tools: [`tool_${canary.replace(/-/g, '_')}`], answer: canary, feedback: canary });
    const heldCritique = critique(held, [symptom('wrong-tool', 1, { description: canary, evidence: canary }), symptom('other', 1, { proposed: canary })]);
    const withHoldout = bytes([...records, held], [...critiques, heldCritique]);
    expect(withHoldout.json).not.toContain(canary);
    expect(withHoldout.spec).not.toContain(canary);
    // The set has critiques of holdout records too (a critic that broke the rule): all ignored.
    const heldKeys = new Set(records.filter((r) => r.split === 'holdout').map((r) => `${r.exampleId}#${r.repeat}`));
    const heldCritiques = critiques.filter((c) => heldKeys.has(`${c.exampleId}#${c.repeat}`)).length;
    expect(heldCritiques).toBeGreaterThan(0);
    expect(withHoldout.d.input.critiquesIgnored.holdout).toBe(heldCritiques + 1);

    // Everything but the input counts equals the diagnosis of the dev records alone.
    const devOnly = bytes(
      records.filter((r) => r.split === 'dev'),
      critiques,
    );
    const strip = (d: typeof devOnly.d) => ({ ...d, input: undefined });
    expect(strip(withHoldout.d)).toEqual(strip(devOnly.d));
    expect(withHoldout.d.input.holdoutExcluded).toBe(records.filter((r) => r.split === 'holdout').length + 1);
    expect(devOnly.d.input.holdoutExcluded).toBe(0);
  });
});

describe('bad input', () => {
  it('refuses a record given twice with EDIAGNOSIS_INPUT naming it', () => {
    const r = record({ id: 'twice', status: 'fail' });
    try {
      diagnose([r, { ...r }], []);
      expect.unreachable();
    } catch (error) {
      expect(isAgentdevelError(error) && error.code).toBe('EDIAGNOSIS_INPUT');
      expect((error as Error).message).toContain('desk/twice#0');
    }
  });

  it('ignores (and counts) critiques of no given record and critiques made before the record was retried', () => {
    const r = record({ id: 'a', status: 'pass' });
    const stale = critique(record({ id: 'a', status: 'fail' }), [symptom('wrong-tool')]);
    const orphan = critique(record({ id: 'gone', status: 'fail' }), [symptom('wrong-tool')]);
    const d = diagnose([r], [stale, orphan]);
    expect(d.input.critiquesIgnored).toEqual({ holdout: 0, noRecord: 1, duplicate: 0, stale: 1 });
    expect(d.symptoms).toEqual([]);
  });
});
