import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, renderJson, type Report } from '../../src/report/index.js';
import { FLIPS, HOSTILE_ID, LEDGER, runOutcomes } from './fixtures.js';
import { report } from './helpers.js';

describe('JSON report', () => {
  const text = renderJson(report());
  const doc = JSON.parse(text) as Report;

  it('is one versioned document with everything: every example, the flips in order, the sections and the history', () => {
    expect(doc.schema).toBe(REPORT_SCHEMA);
    expect(doc.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(doc).toMatchObject({ agent: 'bot', iteration: 4, outcome: 'reject', decision: 'reject', policy: 'default', simulated: true });
    const { baseline } = runOutcomes();
    expect(doc.examples.map((e) => e.key)).toEqual([...baseline.examples.keys()].sort());
    expect(doc.flips).toHaveLength(FLIPS.length);
    expect(doc.flips.map((f) => [f.exampleId, f.kind, f.status])).toEqual([
      ['refund-1', 'p2f', 'confirmed'],
      [HOSTILE_ID, 'p2f', 'confirmed'],
      ['fix-1', 'f2p', 'confirmed'],
      ['fix-2', 'f2p', 'confirmed'],
      ['fix-3', 'f2p', 'confirmed'],
      ['hold-1', 'f2p', 'confirmed'],
      ['noise-1', 'f2p', 'unconfirmed'],
      ['flaky-1', 'p2f', 'flaky'],
    ]);
    expect(doc.examples.find((e) => e.exampleId === 'lost-1')).toMatchObject({ kind: 'unmeasured', rc: { passes: 0, measured: 0, errors: 3 } });
    expect(doc.examples.find((e) => e.exampleId === 'broken-1')).toMatchObject({ kind: 'stable-fail', labels: ['looping'] });
    expect(doc.reasons[0]).toMatchObject({ rule: 'must-pass', passed: false, examples: ['desk/refund-1'], text: 'must-pass: 1 must-pass example regressed: desk/refund-1' });
    expect(doc.patch?.files).toEqual([{ path: 'prompts/system.md', action: 'modify', added: 2, removed: 1 }]);
    expect(doc.history.map((p) => [p.iteration, p.outcome])).toEqual([...LEDGER.map((e) => [e.iteration, e.decision]), [4, 'reject']]);
    expect(doc.usage.map((u) => u.role)).toEqual(['agent', 'critic', 'engineer']);
  });

  it('keeps hostile strings exactly (JSON escapes them itself) and gives the same bytes for the same input', () => {
    expect(doc.flips[1]!.exampleId).toBe(HOSTILE_ID);
    expect(renderJson(report())).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
