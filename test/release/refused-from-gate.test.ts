import { describe, expect, it } from 'vitest';
import type { FlipEntry, GateReason } from '../../src/gate/index.js';
import { answerText, refusedFromGate, type GatedCandidate } from '../../src/release/index.js';
import { diffSummary } from '../../src/synthesis/index.js';
import { goodPatch, RULE } from '../synthesis/fixtures.js';

const side = (pass: number, fail: number) => ({ pass, fail, error: 0, passRate: pass / (pass + fail) });
function flip(key: string, direction: 'p2f' | 'f2p', status: FlipEntry['status'], split: 'dev' | 'holdout' = 'dev'): FlipEntry {
  const [suite, exampleId] = key.split('/') as [string, string];
  return { key, suite, exampleId, split, tags: [], direction, status, baseline: side(1, 0), candidate: side(0, 1), mustPass: false, baselineSymptoms: [] };
}
const reason = (rule: GateReason['rule'], passed: boolean, message: string): GateReason => ({ rule, passed, effect: 'reject', threshold: 0, observed: 1, examples: [], exampleCount: 0, message });

function gated(decision: 'accept' | 'reject' | 'inconclusive'): GatedCandidate {
  return {
    iteration: 5,
    gate: {
      decision,
      reasons: [reason('must-pass', true, 'fine'), reason('max-p2f', false, '2 confirmed P→F; at most 0 allowed')],
      flips: [flip('qa/q1', 'p2f', 'confirmed'), flip('qa/q2', 'p2f', 'flaky'), flip('qa/q3', 'f2p', 'confirmed'), flip('qa/q4', 'p2f', 'confirmed', 'holdout'), flip('qa/q5', 'p2f', 'confirmed')],
    },
    candidateHash: 'f'.repeat(40),
    intent: { targets: ['refusal'], summary: 'Answer every question.' },
    change: { patch: goodPatch() },
    example: (key) => (key === 'qa/q1' ? { input: { prompt: 'How far is it?' }, expected: '4 km' } : key === 'qa/q5' ? { input: 'Five?', expected: { n: 5 } } : undefined),
    output: (s, key) => (key === 'qa/q1' ? (s === 'baseline' ? '4 km' : "I'm sorry, but I can't help with that request.") : undefined),
  };
}

describe('refusedFromGate', () => {
  it('keeps the failed rules with their messages and the confirmed dev P→F with task, expected and both answers', () => {
    const refused = refusedFromGate(gated('reject'))!;
    expect(refused).toMatchObject({ iteration: 5, outcome: 'reject', candidateHash: 'f'.repeat(40), intent: { targets: ['refusal'], summary: 'Answer every question.' } });
    expect(refused.rules).toEqual([{ rule: 'max-p2f', detail: '2 confirmed P→F; at most 0 allowed' }]);
    expect(refused.regressions).toEqual([
      { key: 'qa/q1', task: 'How far is it?', expected: '4 km', baseline: '4 km', candidate: "I'm sorry, but I can't help with that request." },
      { key: 'qa/q5', task: 'Five?', expected: '{"n":5}', baseline: null, candidate: null },
    ]);
    expect(refused.diff).toEqual(diffSummary(goodPatch()));
    expect(refused.diff[0]!.lines).toEqual([`+ ${RULE}`]);
  });

  it('is undefined for an accepted candidate, and takes an inconclusive one as refused', () => {
    expect(refusedFromGate(gated('accept'))).toBeUndefined();
    expect(refusedFromGate(gated('inconclusive'))?.outcome).toBe('inconclusive');
  });

  it('takes a diff summary when the patch itself is gone (the ledger keeps the summary)', () => {
    const diff = diffSummary(goodPatch());
    expect(refusedFromGate({ ...gated('reject'), change: { diff } })!.diff).toBe(diff);
    expect(refusedFromGate({ ...gated('reject'), change: null })!.diff).toEqual([]);
  });

  it('writes answers as text: a prompt agent\'s output as its answer', () => {
    expect([answerText('a'), answerText({ b: 1 }), answerText(null), answerText(undefined), answerText(3)]).toEqual(['a', '{"b":1}', null, null, '3']);
    expect(answerText({ answer: '4 km', toolCalls: [] })).toBe('4 km');
    expect(answerText({ answer: 'Done.', toolCalls: [{ name: 'f', arguments: { a: 1 } }] })).toBe('Done. (tool calls: [{"name":"f","arguments":{"a":1}}])');
    expect(answerText({ answer: 'x', toolCalls: [], extra: 1 })).toBe('{"answer":"x","toolCalls":[],"extra":1}');
  });
});
