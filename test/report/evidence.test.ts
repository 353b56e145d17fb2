import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/records.js';
import { answerDiff, answerOf, evidenceOf, renderHtml, renderJson, renderJunit, renderMarkdown, representative, type EvidenceInput } from '../../src/report/index.js';
import { FLIPS, HOSTILE } from './fixtures.js';
import { manyFlips, outsideFences, report } from './helpers.js';
import { parseXml } from './xml-check.js';

function record(status: RunRecord['status'], repeat: number, output: unknown, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'r',
    suite: 'desk',
    exampleId: 'x',
    repeat,
    sampleIndex: repeat,
    split: 'dev',
    tags: [],
    status,
    output,
    score: status === 'pass' ? 1 : 0,
    feedback: status === 'pass' ? 'matches' : 'expected "refund approved"',
    trace: [{ type: 'tool_call', step: 1, id: 'c1', name: 'lookup_order', arguments: { id: 42 } }],
    usage: { calls: 1, cacheHits: 0, retries: 0, promptTokens: 1, completionTokens: 1 },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    ...extra,
  };
}

/** Evidence for every fixture flip: the baseline said one thing, the release candidate another. */
function evidence(): Map<string, EvidenceInput> {
  return new Map(
    FLIPS.map((f) => [
      f.key,
      evidenceOf({ input: `task of ${f.exampleId}`, task: `Please refund order ${f.exampleId} ${HOSTILE}`, expected: { answer: 'refund approved' } }, f.direction, {
        baseline: [record(f.direction === 'p2f' ? 'pass' : 'fail', 0, f.direction === 'p2f' ? 'refund approved for you' : 'cannot help')],
        candidate: [record(f.direction === 'p2f' ? 'fail' : 'pass', 0, f.direction === 'p2f' ? 'refund denied ```</details> @octocat #12' : 'refund approved for you')],
      }),
    ]),
  );
}

/** The Markdown's evidence section, up to the next section. */
function evidenceSection(md: string): string {
  const start = md.indexOf('### Evidence');
  const end = md.indexOf('\n### ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

describe('report evidence', () => {
  it('reduces a record to its answer, tool calls and feedback, clipped', () => {
    const long = 'y'.repeat(5000);
    const a = answerOf(record('fail', 0, { text: long }, { trace: Array.from({ length: 25 }, (_, i) => ({ type: 'tool_call' as const, step: i, id: `c${i}`, name: 'search', arguments: { q: i } })) }));
    expect(a.status).toBe('fail');
    expect(a.answer.length).toBeLessThanOrEqual(2000);
    expect(a.answer.endsWith('…')).toBe(true);
    expect(a.toolCalls).toHaveLength(21);
    expect(a.toolCalls[0]).toBe('search({"q":0})');
    expect(a.toolCalls[20]).toBe('… and 5 more');
    expect(a.feedback).toBe('expected "refund approved"');
    // An error record's reason stands in for the feedback it lacks.
    expect(answerOf(record('error', 0, null, { feedback: '', reason: 'timeout after 30 s' })).feedback).toBe('timeout after 30 s');
  });

  it("shows the record that carries the side's verdict: the baseline's pass and the candidate's fail of a P→F", () => {
    const records = [record('fail', 0, 'a'), record('pass', 1, 'b'), record('pass', 2, 'c')];
    expect(representative(records, 'pass')?.repeat).toBe(1);
    expect(representative(records, 'fail')?.repeat).toBe(0);
    expect(representative([record('error', 3, 'd')], 'pass')?.repeat).toBe(3);
    const e = evidenceOf(undefined, 'p2f', { baseline: records, candidate: records });
    expect(e.task).toBeNull();
    expect(e.baseline?.answer).toBe('b');
    expect(e.rc?.answer).toBe('a');
  });

  it('Markdown: one collapsible block per flip, must-pass first, then regressions, fixes, flaky; an unconfirmed one (left so because no rerun could change the decision) says so', () => {
    const section = evidenceSection(renderMarkdown(report({ evidence: evidence() })));
    const summaries = [...section.matchAll(/<details><summary>(.*?)<\/summary>/g)].map((m) => m[1]!);
    expect(summaries).toHaveLength(8);
    expect(summaries[0]).toBe('P→F (must-pass) desk/refund-1: baseline 3/3, RC 0/3');
    expect(summaries[1]).toMatch(/^P→F desk\/id\|`x`&lt;script&gt;\]\]&gt;\\u0001: /);
    expect(summaries.filter((s) => s.includes('unconfirmed'))).toEqual([expect.stringContaining('desk/noise-1')]);
    expect(summaries.filter((s) => s.startsWith('F→P ') && !s.includes('unconfirmed')).length).toBe(4);
    expect(summaries[7]).toBe('flaky P→F (not counted) desk/flaky-1: baseline 2/3, RC 1/3');
    const first = section.slice(section.indexOf('<details>'), section.indexOf('\n\n</details>'));
    expect(first).toContain('**Task**');
    expect(first).toContain('Please refund order refund-1');
    expect(first).toContain('{"answer":"refund approved"}');
    expect(first).toContain('**Baseline** (pass)');
    expect(first).toContain('refund approved for you');
    expect(first).toContain('**Release candidate** (fail)');
    expect(first).toContain('Tool calls: `lookup_order({"id":42})`');
    expect(first).toContain('Scorer: expected "refund approved"');
    // A model's answer cannot close its fence, its <details> or ping anyone: outside fences there is no raw HTML from it.
    const outside = outsideFences(section);
    expect(outside).not.toContain('<script>');
    expect(outside).not.toMatch(/@octocat|#12/);
    expect(outside.split('<details>').length).toBe(outside.split('</details>').length);
    const labels = section.slice(section.indexOf('desk/fix-2'));
    expect(labels.slice(0, labels.indexOf('</details>'))).toContain("Critic's labels (baseline): wrong-tool, hallucinated-fact");
  });

  it('Markdown: past 20 blocks a line says how many more the HTML and JSON reports hold; under a tight limit fewer blocks are shown', () => {
    const gate = manyFlips(60);
    const keys = gate.flips.map((f) => [f.key, { task: `task ${f.key}`, expected: 'x', baseline: null, rc: null }] as const);
    const r = report({ gate, evidence: new Map(keys) });
    const md = renderMarkdown(r);
    expect(evidenceSection(md).match(/<details>/g)).toHaveLength(20);
    expect(md).toContain('_40 more in the HTML/JSON report._');
    const tight = renderMarkdown(r, { limit: 12_000 });
    expect(Buffer.byteLength(tight)).toBeLessThanOrEqual(12_000);
    expect((evidenceSection(tight).match(/<details>/g) ?? []).length).toBeLessThan(20);
    // The HTML page and report.json hold every one.
    expect(renderHtml(r).match(/<details class="evidence/g)).toHaveLength(60);
    expect((JSON.parse(renderJson(r)) as { flips: Array<{ evidence: unknown }> }).flips.filter((f) => f.evidence !== null)).toHaveLength(60);
  });

  it('HTML: both answers side by side with the words each lacks marked, well-formed, hostile text escaped', () => {
    expect(answerDiff('refund approved for you', 'refund denied')).toEqual({ baseline: 'refund <del>approved for you</del>', rc: 'refund <ins>denied</ins>' });
    const html = renderHtml(report({ evidence: evidence() }));
    parseXml(html, { doctype: true });
    const section = html.slice(html.indexOf('<section aria-labelledby="h-evidence">'));
    expect(section).toContain('<table class="side-by-side">');
    expect(section).toContain('<del>approved for you</del>');
    expect(section).toContain('<ins>denied ```&lt;/details&gt; @octocat #12</ins>');
    expect(section).toContain('<del>cannot help</del>');
    expect(section).not.toContain('<script>');
  });

  it("JUnit: a confirmed regression's failure carries the task, expected and both answers", () => {
    const xml = renderJunit(report({ evidence: evidence() }));
    const root = parseXml(xml);
    const text = JSON.stringify(root);
    expect(text).toContain('task: Please refund order refund-1');
    expect(text).toContain('baseline (pass): refund approved for you');
    expect(text).toContain('release candidate (fail): refund denied');
  });
});
