import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMITS, renderMarkdown, SIMULATED_REPORT_NOTE } from '../../src/report/index.js';
import { HOSTILE_ID, LEDGER, PATCH } from './fixtures.js';
import { cells, manyFlips, outsideFences, realWorldSources, report, tableRows } from './helpers.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

describe('Markdown report', () => {
  const md = renderMarkdown(report());

  it('starts with the decision line, then the rules that decided before the ones that held', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ Reject: agent bot, iteration 4, gate policy default (simulated world)');
    expect(lines[2]).toMatch(/^P→F 2 · F→P 3 · flaky 1 · McNemar p = 1\.000 · P→F rate 25\.0% · dev pass rate 60\.0% → 70\.0% · holdout pass rate 50\.0% → 100\.0%$/);
    const reasons = lines.filter((l) => /^- [✔✘] /.test(l));
    expect(reasons.map((l) => l.slice(0, 3))).toEqual(['- ✘', '- ✘', '- ✔', '- ✔', '- ✔']);
    expect(reasons[0]).toBe('- ✘ must-pass: 1 must-pass example regressed: desk/refund-1');
    // Examples the gate's sentence does not name are listed after it.
    expect(reasons[2]).toBe('- ✔ min-f2p: 3 confirmed fail→pass dev example(s) (at least 1) (desk/fix-1, desk/fix-2, desk/fix-3)');
    expect(md.indexOf('### Flips')).toBeGreaterThan(md.indexOf(reasons[4]!));
  });

  it('has one flips row per flip: regressions first, both pass rates, baseline symptom labels, flaky and not-confirmed marks', () => {
    const rows = tableRows(md, '### Flips').map(cells);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row).toHaveLength(8);
    expect(rows[0]).toEqual(['P→F', 'refund-1', 'desk', 'dev', '3/3', '0/3', '', 'must-pass']);
    expect(rows[1]![0]).toBe('P→F');
    expect(rows.find((r) => r[1] === 'fix-2')).toEqual(['F→P', 'fix-2', 'desk', 'dev', '0/3', '3/3', 'wrong-tool, hallucinated-fact', '']);
    expect(rows.find((r) => r[1] === 'hold-1')?.[3]).toBe('holdout');
    expect(rows.find((r) => r[1] === 'noise-1')?.[7]).toBe('not confirmed');
    // A flaky example is not shown as a flip: its own Flip word, and the note says what it seemed.
    expect(rows[7]).toEqual(['flaky', 'flaky-1', 'desk', 'dev', '2/3', '1/3', '', '⚠ seemed P→F, then changed against itself in the reruns: not counted']);
    expect(md).toContain('2 confirmed P→F and 3 confirmed F→P on dev; holdout: 0 P→F, 1 F→P; 1 flaky (not counted); 1 not confirmed.');
  });

  it('escapes hostile text in cells and lines: pipes, backticks, HTML, newlines and control characters', () => {
    const rows = tableRows(md, '### Flips');
    const hostile = rows.find((r) => r.includes('id\\|'))!;
    expect(cells(hostile)).toEqual(['P→F', 'id\\|\\`x\\`&lt;script&gt;\\]\\]&gt;\\\\u0001', 'desk', 'dev', '3/3', '0/3', '', '']);
    // Code spans are only made for plain ids (run ids, commits); the rest must be escaped.
    const text = outsideFences(md).replace(/`[\w.@/:+-]+`/g, '');
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toMatch(/(^|[^\\])`/); // every backtick outside code is escaped
    expect(text).not.toMatch(/(^|[^\\])\]\(/); // no live link from hostile text
    // A newline inside a label or a summary does not start a new line of the table or list.
    for (const row of tableRows(md, '### Flips')) expect(cells(row)).toHaveLength(8);
    expect(md).toContain('Call lookup\\_order first. a\\|b \\`tick\\` &lt;script&gt;');
    expect(HOSTILE_ID).toContain('\u0001');
  });

  it('shows the symptom table with the target marked, the intent, usage per role with a total, runs and commits', () => {
    const symptoms = tableRows(md, '### Symptoms in the baseline').map(cells);
    expect(symptoms[0]).toEqual(['wrong-tool (target)', '4', '22.2%', '4', '1.3333', 'calls a tool that does not answer the question']);
    expect(symptoms.map((r) => r[0])).toEqual(['wrong-tool (target)', 'hallucinated-fact', 'looping']);
    expect(md).toContain('- Targets: wrong-tool\n- Expected fixes: fix-1, fix-2');
    const usage = tableRows(md, '### Usage and cost').map(cells);
    expect(usage.map((r) => r[0])).toEqual(['agent', 'critic', 'engineer', 'total']);
    expect(usage[3]).toEqual(['total', '103', '0', '2,460', '612', '—']);
    expect(md).toContain('- baseline run: `run-baseline-0001`');
    expect(md).toContain('- RC commit: `cccccccccccc`');
  });

  it("takes usage with cost from the iteration's ledger line when there is one", () => {
    const entry = { ...LEDGER[1]!, iteration: 4, usage: [{ role: 'agent', calls: 7, cacheHits: 1, promptTokens: 70, completionTokens: 7, cost: 0.125 }] };
    const withLine = renderMarkdown(report({ ledger: [...LEDGER, entry] }));
    expect(tableRows(withLine, '### Usage and cost').map(cells)).toEqual([
      ['agent', '7', '1', '70', '7', '0.1250'],
      ['total', '7', '1', '70', '7', '0.1250'],
    ]);
  });

  it('puts the patch in a diff fence longer than any run of backticks in it, with its file list', () => {
    expect(md).toContain('- modify prompts/system.md (+2 −1)');
    expect(md).toContain(`\`\`\`\`diff\n${PATCH.trimEnd()}\n\`\`\`\``);
  });

  it('says when the results come from the simulated world, and says nothing of it otherwise', () => {
    expect(md).toContain(`> **${SIMULATED_REPORT_NOTE}**`);
    const real = renderMarkdown(report(realWorldSources()));
    expect(real.split('\n')[0]).toBe('## ❌ Reject: agent bot, iteration 4, gate policy default');
    expect(real).not.toMatch(/simulated/i);
  });

  it('renders an iteration that ended with no candidate: what exists, and what is missing', () => {
    const missing = [
      { file: 'gate.json', meaning: 'no gate result: the release candidate was not gated' },
      { file: 'rc.patch', meaning: 'no release candidate patch' },
    ];
    const none = renderMarkdown(report({ gate: null, outcomes: null, intent: null, patch: null, state: { baselineRunId: 'run-b', outcome: 'no-candidate' }, missing }));
    const lines = none.split('\n');
    expect(lines[0]).toBe('## ➖ No candidate: agent bot, iteration 4 (simulated world)');
    expect(none).toContain('- This iteration ended with no release candidate: nothing was gated.');
    expect(none).toContain('> - gate.json: no gate result: the release candidate was not gated');
    expect(none).toContain('> - rc.patch: no release candidate patch');
    expect(none).not.toContain('### Flips');
    expect(none).not.toContain('### Blueprint diff');
    expect(none).toContain('### Symptoms in the baseline');
    expect(none).toContain('- RC run: —');
  });

  it('caps a long flips table with an "… and N more" row', () => {
    const big = renderMarkdown(report({ gate: manyFlips(10_000), outcomes: null }));
    const rows = tableRows(big, '### Flips');
    expect(rows).toHaveLength(101);
    expect(cells(rows[100]!)[0]).toBe('… and 9,900 more');
    expect(bytes(big)).toBeLessThanOrEqual(MARKDOWN_LIMITS.prBody);
  });

  it('fits a PR body by cutting the diff first, with a note saying where the whole patch is', () => {
    const longPatch = `${PATCH}${Array.from({ length: 4000 }, (_, i) => `+line ${i} ${'x'.repeat(40)}`).join('\n')}\n`;
    const big = renderMarkdown(report({ gate: manyFlips(10_000), outcomes: null, patch: longPatch }));
    expect(bytes(big)).toBeLessThanOrEqual(MARKDOWN_LIMITS.prBody);
    expect(big.split('\n')[0]).toMatch(/^## ❌ Reject/);
    expect(big).toMatch(/_Diff cut at [\d,]+ of [\d,]+ bytes; the whole patch is rc\.patch in the iteration folder\._/);
    expect(tableRows(big, '### Flips')).toHaveLength(101); // the flips keep their rows
    // Fences stay balanced: an odd count would swallow the rest of the page.
    expect((big.match(/^`{3,}/gm) ?? []).length % 2).toBe(0);
  });

  it('drops detail from the least important sections first when the limit is tight, and always keeps the decision', () => {
    const longPatch = `${PATCH}${'+more\n'.repeat(3000)}`;
    const sources = { gate: manyFlips(10_000), outcomes: null, patch: longPatch };
    const tight = renderMarkdown(report(sources), { limit: 9_000 });
    expect(bytes(tight)).toBeLessThanOrEqual(9_000);
    expect(tight.split('\n')[0]).toMatch(/^## ❌ Reject/);
    expect(tight).toContain('is left out to fit the size limit; it is rc.patch in the iteration folder._');
    const rows = tableRows(tight, '### Flips');
    expect(rows.length).toBeGreaterThan(0);
    expect(cells(rows[rows.length - 1]!)[0]).toMatch(/^… and [\d,]+ more$/);
    // The runs section, small and needed for an audit, is still there.
    expect(tight).toContain('- baseline run: `run-baseline-0001`');
    // A step summary's limit shows much more of the same report.
    const summary = renderMarkdown(report(sources), { limit: MARKDOWN_LIMITS.stepSummary, maxRows: 5_000 });
    expect(tableRows(summary, '### Flips')).toHaveLength(5_001);
    expect(bytes(summary)).toBeLessThanOrEqual(MARKDOWN_LIMITS.stepSummary);
  });

  it('cuts even a report whose header alone is over the limit at a line end, and says so', () => {
    const reasons = Array.from({ length: 400 }, (_, i) => ({ rule: 'max-p2f' as const, passed: false, effect: 'reject' as const, threshold: 0, observed: i, examples: [], exampleCount: 0, message: `reason number ${i} ${'y'.repeat(200)}` }));
    const out = renderMarkdown(report({ gate: { ...manyFlips(10), reasons } }), { limit: 4_096 });
    expect(bytes(out)).toBeLessThanOrEqual(4_096);
    expect(out.split('\n')[0]).toMatch(/^## ❌ Reject/);
    expect(out).toMatch(/report cut here to fit the size limit/);
  });
});
