import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/index.js';
import { HOSTILE, LEDGER } from './fixtures.js';
import { report } from './helpers.js';
import { allElements, findAll, parseXml, textOf, type XmlElement } from './xml-check.js';

const html = renderHtml(report());
const doc = parseXml(html, { doctype: true });
const svgs = findAll(doc, 'svg');
const points = (svg: XmlElement) =>
  findAll(svg, 'g')
    .filter((g) => g.attrs.class?.split(' ').includes('pt'))
    .map((g) => ({ iteration: Number(g.attrs['data-iteration']), series: g.attrs['data-series'], value: Number(g.attrs['data-value']) }));

describe('HTML report', () => {
  it('shows a flaky example as flaky in the flips table, not as a flip', () => {
    const row = findAll(parseXml(html, { doctype: true }), 'tr').find((tr) => textOf(tr).includes('flaky-1'));
    const cells = findAll(row!, 'td').map((td) => textOf(td).trim());
    expect(cells[0]).toBe('flaky');
    expect(cells[cells.length - 1]).toBe('⚠ seemed P→F, then changed against itself in the reruns: not counted');
  });

  it('is self-contained: no external reference, no script, no inline event handler, a CSP that forbids loading', () => {
    expect(html).not.toMatch(/\b(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(findAll(doc, 'script')).toHaveLength(0);
    for (const node of allElements(doc)) for (const attr of Object.keys(node.attrs)) expect(attr, `<${node.name} ${attr}>`).not.toMatch(/^on/i);
    const csp = findAll(doc, 'meta').find((m) => m.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(csp?.attrs.content).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    // Hostile text (the engineer's summary, a critic's label) is text, never markup.
    expect(html).not.toContain('<script>');
    expect(textOf(doc)).toContain('a|b `tick` <script>alert(1)</script> ]]> \\u0007bell');
    expect(HOSTILE).toContain('<script>');
  });

  it('has one accessible SVG per chart: a title and a description it is labelled by', () => {
    expect(svgs.map((s) => s.attrs.id)).toEqual(['chart-pass-rate', 'chart-flips', 'chart-symptoms']);
    for (const svg of svgs) {
      expect(svg.attrs.role).toBe('img');
      const [titleId, descId] = svg.attrs['aria-labelledby']!.split(' ');
      expect(textOf(findAll(svg, 'title').find((t) => t.attrs.id === titleId)!)).not.toBe('');
      expect(textOf(findAll(svg, 'desc').find((t) => t.attrs.id === descId)!)).not.toBe('');
      // Axis titles.
      expect(findAll(svg, 'text').filter((t) => t.attrs.class === 'axis-title')).toHaveLength(2);
    }
  });

  it("plots the version line's pass rates from the ledger: the RC's after an accept, the baseline's otherwise, gaps where none was measured", () => {
    expect(points(svgs[0]!)).toEqual([
      { iteration: 1, series: 'dev', value: 0.55 },
      { iteration: 2, series: 'dev', value: 0.55 },
      { iteration: 4, series: 'dev', value: 0.6 },
      { iteration: 1, series: 'holdout', value: 0.5 },
      { iteration: 2, series: 'holdout', value: 0.5 },
      { iteration: 4, series: 'holdout', value: 0.5 },
    ]);
    expect(LEDGER[0]!.gate!.passRate.candidate.dev).toBe(0.55);
    // Iteration 3 had no candidate: the line breaks there rather than inventing a value.
    const dev = findAll(svgs[0]!, 'path').find((p) => p.attrs.class === 'line dev')!;
    expect(dev.attrs.d!.match(/M/g)).toHaveLength(2);
  });

  it('plots confirmed P→F and F→P per iteration, and symptom counts per iteration', () => {
    expect(points(svgs[1]!)).toEqual([
      { iteration: 1, series: 'p2f', value: 0 },
      { iteration: 1, series: 'f2p', value: 6 },
      { iteration: 2, series: 'p2f', value: 4 },
      { iteration: 2, series: 'f2p', value: 2 },
      { iteration: 4, series: 'p2f', value: 2 },
      { iteration: 4, series: 'f2p', value: 3 },
    ]);
    const symptoms = points(svgs[2]!);
    expect(symptoms.filter((p) => p.iteration === 1)).toEqual([
      { iteration: 1, series: 'wrong-tool', value: 9 },
      { iteration: 1, series: 'looping', value: 4 },
    ]);
    expect(symptoms.filter((p) => p.iteration === 2).map((p) => [p.series, p.value])).toEqual([
      ['wrong-tool', 6],
      ['looping', 5],
      // Controls made visible; the newline reads as a space in an attribute, as XML parsers read it.
      [HOSTILE.replace(/\u0007/g, '\\u0007').replace(/\u0000/g, '\\u0000').replace(/\n/g, ' '), 1],
    ]);
    expect(symptoms.filter((p) => p.iteration === 4).map((p) => [p.series, p.value])).toEqual([
      ['wrong-tool', 4],
      ['looping', 1],
      ['hallucinated-fact', 1],
    ]);
    expect(symptoms.some((p) => p.iteration === 3)).toBe(false);
  });

  it('gives every chart its data as a table too', () => {
    const figures = findAll(doc, 'figure');
    expect(figures).toHaveLength(3);
    const rows = findAll(findAll(figures[1]!, 'table')[0]!, 'tr').map((tr) => findAll(tr, 'td').map(textOf));
    expect(rows.slice(1)).toEqual([
      ['1', 'Accept', '0', '6', '0.500'],
      ['2', 'Reject', '4', '2', '0.500'],
      ['3', 'No candidate', '—', '—', '—'],
      ['4', 'Reject', '2', '3', '1.000'],
    ]);
  });

  it('has the sections of the Markdown report, and styles for light and dark', () => {
    const headings = findAll(doc, 'h2').map(textOf);
    expect(headings).toEqual(['Along the version line', 'Flips', 'Symptoms in the baseline', 'Intent', 'Blueprint diff', 'Usage and cost', 'Runs and commits']);
    expect(textOf(findAll(doc, 'h1')[0]!)).toBe('❌ Reject: agent bot, iteration 4, gate policy default (simulated world)');
    expect(textOf(doc)).toContain("Simulated world: these results come from agentdevel's built-in simulated model");
    const flipRows = findAll(findAll(doc, 'table').find((t) => textOf(t).includes('Symptoms (baseline)'))!, 'tr');
    expect(flipRows).toHaveLength(9);
    expect(findAll(doc, 'span').filter((s) => s.attrs.class === 'add').map(textOf)).toEqual(['+Answer briefly. ``` not a fence end', '+Use lookup_order before answering about an order.']);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
  });

  it('draws empty charts that say so when there is no history at all', () => {
    const empty = parseXml(renderHtml(report({ gate: null, outcomes: null, ledger: [], patch: null })), { doctype: true });
    const charts = findAll(empty, 'svg');
    expect(charts).toHaveLength(3);
    for (const svg of charts) {
      expect(points(svg)).toEqual([]);
      expect(textOf(findAll(svg, 'text').find((t) => t.attrs.class === 'empty')!)).toMatch(/^No ledger entries yet/);
    }
  });
});
