import { describe, expect, it } from 'vitest';
import { diagnose, renderSpec } from '../../src/diagnosis/index.js';
import { critique, record, symptom } from './fixtures.js';
import type { CritiqueRecord } from '../../src/core/critique.js';
import type { RunRecord } from '../../src/core/records.js';

/** Failing records of distinct examples, each with the labels given. */
function failures(labelsPerRecord: string[][], prefix = 'f') {
  const records: RunRecord[] = [];
  const critiques: CritiqueRecord[] = [];
  labelsPerRecord.forEach((labels, i) => {
    const r = record({ id: `${prefix}${i}`, status: 'fail', tools: ['lookup_order'] });
    records.push(r);
    critiques.push(critique(r, labels.map((label) => symptom(label))));
  });
  return { records, critiques };
}

describe('target choice', () => {
  it('targets the label with the largest expected gain, and says why', () => {
    const { records, critiques } = failures([['wrong-tool'], ['wrong-tool'], ['wrong-tool'], ['looping'], ['looping'], ['refusal']]);
    const d = diagnose(records, critiques);
    expect(d.target.status).toBe('targeted');
    expect(d.target.targets).toEqual(['wrong-tool']);
    expect(d.target.reason).toContain('wrong-tool');
    expect(d.target.reason).toContain('3 of 6 failing dev records (50.0%)');
    expect(d.target.reason).toContain('next: looping');
    // refusal is on one example only: below the minimum of 2.
    expect(d.target.ranking.map((r) => r.label)).toEqual(['wrong-tool', 'looping']);
    expect(d.expectedFlips.map((f) => f.key)).toEqual(['desk/f0', 'desk/f1', 'desk/f2']);
  });

  it('weighs repeats: an example failing one repeat in three counts a third', () => {
    // a: 3 examples failing 1 of 3 repeats (gain 1); b: 2 examples failing every repeat (gain 2).
    const records: RunRecord[] = [];
    const critiques: CritiqueRecord[] = [];
    for (const [id, label, fails] of [['a1', 'wrong-tool', 1], ['a2', 'wrong-tool', 1], ['a3', 'wrong-tool', 1], ['b1', 'looping', 3], ['b2', 'looping', 3]] as const) {
      for (let repeat = 0; repeat < 3; repeat++) {
        const r = record({ id, repeat, status: repeat < fails ? 'fail' : 'pass' });
        records.push(r);
        if (r.status === 'fail') critiques.push(critique(r, [symptom(label)]));
      }
    }
    const d = diagnose(records, critiques);
    expect(d.symptoms.find((s) => s.label === 'wrong-tool')!.expectedGain).toBe(1);
    expect(d.symptoms.find((s) => s.label === 'looping')!.expectedGain).toBe(2);
    expect(d.target.targets).toEqual(['looping']);
  });

  it('breaks ties the same way every time: gain, then examples, then records, then name', () => {
    const tied = failures([['wrong-tool'], ['wrong-tool'], ['looping'], ['looping']]);
    expect(diagnose(tied.records, tied.critiques).target.targets).toEqual(['looping']);
    expect(diagnose([...tied.records].reverse(), [...tied.critiques].reverse()).target.targets).toEqual(['looping']);
    const ranked = diagnose(tied.records, tied.critiques, { maxTargets: 2 });
    expect(ranked.target.targets).toEqual(['looping', 'wrong-tool']);
    expect(renderSpec(ranked).match(/^Target: .*$/gm)).toEqual(['Target: looping', 'Target: wrong-tool']);
  });

  it('never targets `other`, however frequent', () => {
    const { records, critiques } = failures([['other'], ['other'], ['other'], ['wrong-tool'], ['wrong-tool']]);
    expect(diagnose(records, critiques).target.targets).toEqual(['wrong-tool']);
  });

  describe('no actionable symptom (the release loop stops on it)', () => {
    it('when every failure is unlabelled or not critiqued', () => {
      const records = [0, 1, 2, 3].map((i) => record({ id: `u${i}`, status: 'fail' }));
      const critiques = records.slice(0, 3).map((r) => critique(r, [], 'unlabelled'));
      const d = diagnose(records, critiques);
      expect(d.target).toMatchObject({ status: 'no-actionable-symptom', targets: [] });
      expect(d.target.reason).toBe('none of the 4 failing dev records carries a symptom (3 unlabelled, 1 not critiqued)');
      expect(d.expectedFlips).toEqual([]);
      const spec = renderSpec(d);
      expect(spec).toMatch(/^Status: no-actionable-symptom$/m);
      expect(spec).toMatch(/^Target: \(none\)$/m);
      expect(spec).toContain('No actionable symptom: none of the 4 failing dev records');
    });

    it('when no symptom reaches the documented minimum', () => {
      const { records, critiques } = failures([['wrong-tool'], ['looping'], ['refusal']]);
      const d = diagnose(records, critiques);
      expect(d.target.status).toBe('no-actionable-symptom');
      expect(d.target.reason).toBe('no symptom reaches the minimum of 2 examples and 5.0% of the 3 failing dev records');
      // Lowering the minimum makes them actionable: the threshold is an option.
      expect(diagnose(records, critiques, { minExamples: 1 }).target.targets).toEqual(['looping']);
    });

    it('when the share of failures is too small', () => {
      const { records, critiques } = failures([['wrong-tool'], ['wrong-tool'], ...Array.from({ length: 40 }, () => [])]);
      const d = diagnose(records, critiques);
      expect(d.target.status).toBe('no-actionable-symptom');
      expect(diagnose(records, critiques, { minShare: 0.04 }).target.targets).toEqual(['wrong-tool']);
    });

    it('when only `other` symptoms are seen, and when nothing fails', () => {
      const others = failures([['other'], ['other']]);
      expect(diagnose(others.records, others.critiques).target.reason).toContain('outside the taxonomy');
      const passing = [record({ id: 'p', status: 'pass' })];
      expect(diagnose(passing, []).target.reason).toBe('no failing dev record: nothing to fix');
      expect(diagnose([], []).target.status).toBe('no-actionable-symptom');
    });
  });
});
