import { describe, expect, it } from 'vitest';
import { builtinScripts, runBuiltinScript } from '../../src/diagnosis/index.js';
import { callNamesIn, snakeNamesIn } from '../../src/diagnosis/scripts/trace-position.js';
import { critique, record, symptom } from './fixtures.js';

/**
 * A hand-made set with known answers:
 *   o1 (tags order)        fail, fail, pass   missing-required-step at step 1 (both fails), +wrong-tool on repeat 1
 *   o2 (tags order, refund) fail              missing-required-step at step 2, hallucinated-fact at step 2
 *   p1 (tags policy)        fail              incorrect-output-format (no step), evidence not found
 *   p2 (tags policy)        fail              critiqued, no symptom (unlabelled)
 *   p3 (tags policy)        fail              not critiqued
 *   p4 (tags policy)        pass              critic: fragile-pass with ignored-instruction
 *   p5 (tags policy)        pass, pass        critic: pass (no symptom)
 *   x1                      error             (infrastructure)
 *   q1 (tags order)         fail              other "Rude Tone"; q2 fail other "rude_tone"; q3 pass other "Slow reply"
 *   h1 holdout              fail              missing-required-step (critique of a holdout record: ignored)
 */
function handSet() {
  const o1a = record({ id: 'o1', repeat: 0, status: 'fail', tags: ['order'], tools: ['search_policy', 'lookup_order'] });
  const o1b = record({ id: 'o1', repeat: 1, status: 'fail', tags: ['order'], tools: ['search_policy'] });
  const o1c = record({ id: 'o1', repeat: 2, status: 'pass', tags: ['order'], tools: ['lookup_order'] });
  const o2 = record({ id: 'o2', status: 'fail', tags: ['order', 'refund'], tools: ['lookup_order', 'check_refund'] });
  const p1 = record({ id: 'p1', status: 'fail', tags: ['policy'], tools: ['search_policy'] });
  const p2 = record({ id: 'p2', status: 'fail', tags: ['policy'] });
  const p3 = record({ id: 'p3', status: 'fail', tags: ['policy'] });
  const p4 = record({ id: 'p4', status: 'pass', tags: ['policy'], tools: ['search_policy'] });
  const p5a = record({ id: 'p5', repeat: 0, status: 'pass', tags: ['policy'] });
  const p5b = record({ id: 'p5', repeat: 1, status: 'pass', tags: ['policy'] });
  const x1 = record({ id: 'x1', status: 'error' });
  const q1 = record({ id: 'q1', status: 'fail', tags: ['order'] });
  const q2 = record({ id: 'q2', status: 'fail', tags: ['order'] });
  const q3 = record({ id: 'q3', status: 'pass', tags: ['order'] });
  const h1 = record({ id: 'h1', status: 'fail', split: 'holdout', tags: ['order'], tools: ['lookup_order'] });
  const records = [o1a, o1b, o1c, o2, p1, p2, p3, p4, p5a, p5b, x1, q1, q2, q3, h1];
  const critiques = [
    critique(o1a, [symptom('missing-required-step', 1, { description: 'did not call lookup_order before answering' })]),
    critique(o1b, [symptom('missing-required-step', 1), symptom('wrong-tool', 1)]),
    critique(o2, [symptom('missing-required-step', 2, { evidence: 'check_refund({"order_id":"KL-1"})' }), symptom('hallucinated-fact', 2)]),
    critique(p1, [symptom('incorrect-output-format', null, { evidenceFound: false })]),
    critique(p2, []),
    critique(p4, [symptom('ignored-instruction', 1)], 'fragile-pass'),
    critique(p5a, []),
    critique(q1, [symptom('other', 1, { proposed: 'Rude Tone', description: 'the reply is curt and rude' })]),
    critique(q2, [symptom('other', null, { proposed: 'rude_tone', description: 'rude' })]),
    critique(q3, [symptom('other', 1, { proposed: 'Slow reply', description: 'slow' })]),
    critique(h1, [symptom('missing-required-step', 1)]),
  ];
  return { records, critiques };
}

describe('built-in diagnosis scripts on a hand-made set', () => {
  const { records, critiques } = handSet();
  const run = <R>(script: Parameters<typeof runBuiltinScript<R>>[0]) => runBuiltinScript(script, records, critiques, { mustPass: ['desk/p5', 'desk/o2'] });

  it('population: dev records by outcome, how the failures were labelled, pass rates over repeats', () => {
    const p = run(builtinScripts.population);
    expect(p).toMatchObject({ records: 14, pass: 5, fail: 8, error: 1, examples: 11 });
    expect(p.failures).toEqual({ labelled: 6, unlabelled: 1, uncritiqued: 1 });
    expect(p.passesCritiqued).toBe(3);
    expect(p.suites).toEqual([{ suite: 'desk', records: 14, pass: 5, fail: 8, error: 1, examples: 11 }]);
    // x1 (only an error), o2 p1 p2 p3 q1 q2 (0/1), p4 q3 (1/1), p5 (2/2), o1 (1/3).
    expect(p.passRates).toEqual([
      { passes: 0, measured: 0, examples: 1 },
      { passes: 0, measured: 1, examples: 6 },
      { passes: 1, measured: 1, examples: 2 },
      { passes: 2, measured: 2, examples: 1 },
      { passes: 1, measured: 3, examples: 1 },
    ]);
  });

  it('symptom frequency: records, occurrences, examples, shares and expected gain per label', () => {
    const rows = run(builtinScripts.symptomFrequency);
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
    // 3 failing records (o1#0, o1#1, o2) of 8 failing dev records; 6 of them labelled.
    expect(byLabel['missing-required-step']).toEqual({
      label: 'missing-required-step',
      records: 3,
      occurrences: 3,
      examples: 2,
      shareOfFailures: 0.375,
      shareOfLabelled: 0.5,
      // o1: 2 of 3 repeats fail with it; o2: 1 of 1.
      expectedGain: 1.6667,
      passRecords: 0,
      unverifiedEvidence: 0,
    });
    expect(byLabel['incorrect-output-format']).toMatchObject({ records: 1, unverifiedEvidence: 1, expectedGain: 1 });
    expect(byLabel['ignored-instruction']).toMatchObject({ records: 0, passRecords: 1, examples: 0 });
    expect(byLabel.other).toMatchObject({ records: 2, examples: 2, passRecords: 1 });
    expect(rows.map((r) => r.label)).toEqual(['missing-required-step', 'other', 'hallucinated-fact', 'incorrect-output-format', 'wrong-tool', 'ignored-instruction']);
  });

  it('affected examples: per label, most failing repeats with it first, with pass rates', () => {
    const affected = run(builtinScripts.affectedExamples);
    const missing = affected.find((a) => a.label === 'missing-required-step')!;
    expect(missing.examples).toEqual([
      { key: 'desk/o1', withLabel: 2, failing: 2, measured: 3, passRate: 0.3333 },
      { key: 'desk/o2', withLabel: 1, failing: 1, measured: 1, passRate: 0 },
    ]);
    expect(affected.map((a) => a.label)).toEqual(['hallucinated-fact', 'incorrect-output-format', 'missing-required-step', 'other', 'wrong-tool']);
  });

  it('triggering patterns: tool near the step, tools named, step and position, tags with lift, suites', () => {
    const patterns = run(builtinScripts.triggeringPatterns);
    const missing = patterns.find((p) => p.label === 'missing-required-step')!;
    // o1#0 step 1 -> search_policy; o1#1 step 1 -> search_policy; o2 step 2 -> check_refund.
    expect(missing.tools).toEqual([
      { name: 'search_policy', count: 2 },
      { name: 'check_refund', count: 1 },
    ]);
    expect(missing.triggeringTool).toBe('search_policy');
    // Named in a description ("lookup_order") and in evidence ("check_refund(...)"); only names seen in traces count.
    expect(missing.mentionedTools).toEqual([
      { name: 'check_refund', count: 1 },
      { name: 'lookup_order', count: 1 },
    ]);
    expect(missing.steps).toEqual([
      { name: '1', count: 2 },
      { name: '2', count: 1 },
    ]);
    // o1#0 has 3 steps (step 1 first), o1#1 has 2 (first), o2 has 3 (step 2 middle).
    expect(missing.positions).toEqual([
      { name: 'first', count: 2 },
      { name: 'middle', count: 1 },
    ]);
    // order is on 7 of 13 measured dev records; all 3 of the label's records carry it: lift 3/3 ÷ 7/13.
    expect(missing.tags).toEqual([
      { name: 'order', count: 3, lift: 1.8571 },
      { name: 'refund', count: 1, lift: 4.3333 },
    ]);
    expect(missing.triggeringTag).toBe('order');
    expect(missing.suites).toEqual([{ name: 'desk', count: 3 }]);

    const format = patterns.find((p) => p.label === 'incorrect-output-format')!;
    expect(format.tools).toEqual([{ name: '(no step)', count: 1 }]);
    expect(format.triggeringTool).toBeNull();
    expect(format.positions).toEqual([{ name: 'none', count: 1 }]);
    // policy is on 6 of 13 measured records (p1, p2, p3, p4, p5 twice); the label's one record carries it: lift 1 ÷ 6/13.
    expect(format.tags).toEqual([{ name: 'policy', count: 1, lift: 2.1667 }]);
    // Fragile-pass symptoms are not patterns of failures.
    expect(patterns.find((p) => p.label === 'ignored-instruction')).toBeUndefined();
  });

  it('triggering patterns: a tool never called (a missing step) shows in the tools the feedback names', () => {
    const records = ['d1', 'd2'].map((id) =>
      record({ id, status: 'fail', tags: ['damage'], feedback: `[tool-calls: fail] expected 1 call, got 0\ncall 1 escalate_to_human(order_id="KL-1"): not made\n[regex: fail] /\\b4(x)/ and I(me)` }),
    );
    records.push(record({ id: 'ok', status: 'pass', tools: ['lookup_order'] }));
    const critiques = records.slice(0, 2).map((r) => critique(r, [symptom('missing-required-step', null, { description: 'skipped a step', evidence: 'expected 1 call, got 0' })]));
    const [missing] = runBuiltinScript(builtinScripts.triggeringPatterns, records, critiques);
    expect(missing!.tools).toEqual([{ name: '(no step)', count: 2 }]);
    expect(missing!.triggeringTool).toBeNull();
    expect(missing!.mentionedTools).toEqual([]);
    expect(missing!.feedbackTools).toEqual([{ name: 'escalate_to_human', count: 2 }]);
    expect(missing!.triggeringFeedbackTool).toBe('escalate_to_human');
  });

  it('co-occurrence: pairs of labels on one failing record', () => {
    expect(run(builtinScripts.coOccurrence)).toEqual([
      { a: 'hallucinated-fact', b: 'missing-required-step', records: 1, shareOfA: 1, shareOfB: 0.3333 },
      { a: 'missing-required-step', b: 'wrong-tool', records: 1, shareOfA: 0.3333, shareOfB: 1 },
    ]);
  });

  it('fragile passes: passing records the critic flagged', () => {
    const fragile = run(builtinScripts.fragilePasses);
    expect(fragile).toEqual({
      records: 2,
      examples: 2,
      byLabel: [
        { name: 'ignored-instruction', count: 1 },
        { name: 'other', count: 1 },
      ],
      list: [
        { key: 'desk/p4#0', suite: 'desk', exampleId: 'p4', repeat: 0, labels: ['ignored-instruction'] },
        { key: 'desk/q3#0', suite: 'desk', exampleId: 'q3', repeat: 0, labels: ['other'] },
      ],
    });
  });

  it('candidate classes: `other` symptoms grouped by their proposed name, normalised', () => {
    expect(run(builtinScripts.candidateClasses)).toEqual([
      { name: 'rude-tone', variants: ['Rude Tone', 'rude_tone'], records: 2, failingRecords: 2, examples: 2, description: 'rude' },
      { name: 'slow-reply', variants: ['Slow reply'], records: 1, failingRecords: 0, examples: 1, description: 'slow' },
    ]);
  });

  it('regression guard: examples whose every measured repeat passed, fragile and must-pass marked', () => {
    const guard = run(builtinScripts.regressionGuard);
    expect(guard.list.map((e) => e.key)).toEqual(['desk/p4', 'desk/p5', 'desk/q3']);
    expect(guard.list[0]).toMatchObject({ key: 'desk/p4', passes: 1, measured: 1, fragile: true, mustPass: false });
    expect(guard.list[1]).toMatchObject({ key: 'desk/p5', passes: 2, measured: 2, fragile: false, mustPass: true });
    expect(guard.examples).toBe(3);
    // o1 passes once in three: not guarded. o2 is must-pass but fails today.
    expect(guard.mustPassNotPassing).toEqual(['desk/o2']);
  });
});

describe('regression guard with repeats', () => {
  it('guards an example only when every measured repeat passed; errors are neither passes nor fails', () => {
    const records = [
      ...[0, 1, 2].map((repeat) => record({ id: 'steady', repeat, status: 'pass' })),
      record({ id: 'with-error', repeat: 0, status: 'pass' }),
      record({ id: 'with-error', repeat: 1, status: 'error' }),
      record({ id: 'with-error', repeat: 2, status: 'pass' }),
      record({ id: 'flaky', repeat: 0, status: 'pass' }),
      record({ id: 'flaky', repeat: 1, status: 'fail' }),
      record({ id: 'only-errors', repeat: 0, status: 'error' }),
      record({ id: 'held', repeat: 0, status: 'pass', split: 'holdout' }),
    ];
    const guard = runBuiltinScript(builtinScripts.regressionGuard, records, []);
    expect(guard.list).toEqual([
      { key: 'desk/steady', passes: 3, measured: 3, errors: 0, fragile: false, mustPass: false },
      { key: 'desk/with-error', passes: 2, measured: 2, errors: 1, fragile: false, mustPass: false },
    ]);
    const rates = runBuiltinScript(builtinScripts.population, records, []).passRates;
    expect(rates).toEqual([
      { passes: 0, measured: 0, examples: 1 },
      { passes: 1, measured: 2, examples: 1 },
      { passes: 2, measured: 2, examples: 1 },
      { passes: 3, measured: 3, examples: 1 },
    ]);
  });
});

describe('how tool names are found in text', () => {
  it('names written as calls, not regex escapes, short words or paths', () => {
    expect(callNamesIn('call 1 escalate_to_human(order_id="KL-1"): not made; /\\b4(x)/ I(me) foo.bar(1) a/b(c) lookup_order({"a":1}) -x-y(2)')).toEqual([
      'escalate_to_human',
      'foo.bar',
      'lookup_order',
    ]);
  });

  it('snake_case names, not inside dotted or dashed names, nor with a leading, trailing or doubled underscore', () => {
    expect(snakeNamesIn('call escalate_to_human(order_id=1); a.b_c x-y_z _lead trail_ double__u 9abc_d q_1 end_it')).toEqual(['escalate_to_human', 'order_id', 'q_1', 'end_it']);
  });
});
