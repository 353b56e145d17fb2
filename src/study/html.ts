import { band, countScale, emptyNote, HTML_STYLE, htmlText, legend, n1, svgFrame, xAxis, yAxis, yOf } from '../report/index.js';
import { SIMULATED_STUDY_NOTE, type StudyDocument } from './document.js';
import { estimateText, noiseText, value } from './format.js';
import { causesText, definitions, refusedText, setupLines } from './markdown.js';
import { METRICS, type MetricKey, type SummaryRow } from './summary.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const STYLE = `${HTML_STYLE}
svg .whisker { stroke: var(--fg); stroke-width: 1.5; }
svg .bar.s0, svg .swatch.s0 { fill: var(--s0); } svg .bar.s1, svg .swatch.s1 { fill: var(--s1); } svg .bar.s2, svg .swatch.s2 { fill: var(--s2); }
svg .bar.s3, svg .swatch.s3 { fill: var(--s3); } svg .bar.s4, svg .swatch.s4 { fill: var(--s4); } svg .bar.s5, svg .swatch.s5 { fill: var(--s5); }
`;

/** The metrics charted, one chart each: what the claim is about, then what it costs. */
const CHARTS: readonly MetricKey[] = ['trueHoldout', 'regressionsShipped', 'badReleases', 'wronglyRejected', 'observedP2FRate', 'calls'];

/**
 * The study as one self-contained HTML page (no script, no external resource, well-formed XML):
 * the setting, a bar chart per key metric (policies side by side per noise level, the 95%
 * interval as a whisker, each bar with its value in a title), and the tables.
 */
export function renderStudyHtml(doc: StudyDocument): string {
  const body = [
    `<header>\n<h1>Does gating help? Gate policies against ground truth</h1>\n<p class="note" role="note"><strong>Simulated.</strong> ${htmlText(SIMULATED_STUDY_NOTE)}</p>\n${setupLines(doc, (t) => t).map((l) => `<p>${htmlText(l)}</p>`).join('\n')}\n</header>`,
    '<h2>Charts</h2>',
    ...CHARTS.map((key) => chart(doc, key)),
    '<h2>Tables</h2>',
    ...doc.starts.map((start) => table(doc, start.level)),
    `<h2>What the columns mean</h2>\n<ul>${definitions().map((d) => `<li>${htmlText(d)}</li>`).join('')}</ul>\n<p>Reproduce: <code>${htmlText(doc.command)}</code></p>`,
  ];
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n<meta http-equiv="Content-Security-Policy" content="${CSP}"/>\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/>\n<meta name="color-scheme" content="light dark"/>\n<link rel="icon" href="data:,"/>\n` +
    `<title>agentdevel study ${htmlText(doc.id)} (simulated)</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body.join('\n')}\n</main>\n</body>\n</html>\n`
  );
}

function chart(doc: StudyDocument, key: MetricKey): string {
  const metric = METRICS.find((m) => m.key === key)!;
  const policies = doc.policies.map((p) => p.name);
  const rows = doc.summary;
  const top = Math.max(0, ...rows.map((r) => r.metrics[key].high ?? r.metrics[key].mean ?? 0));
  const scale = metric.kind === 'rate' ? { max: 1, step: 0.2 } : countScale(top);
  const format = (v: number) => (metric.kind === 'rate' ? `${Math.round(v * 100)}%` : value(v, metric.kind === 'count' && scale.step < 1 ? 'count' : 'large'));
  const parts = [yAxis(scale.max, scale.step, format, metric.short), xAxis(doc.levels.map((l) => `flaky ${l.flakyShare} · re-roll ${l.rerollRate}`), 'Noise level')];
  if (rows.every((r) => r.metrics[key].mean === null)) parts.push(emptyNote('No line has a value for this measure.'));
  parts.push(legend(policies.map((name, i) => ({ className: `s${i % 6}`, name }))));
  doc.levels.forEach((_, level) => {
    const { centre, width } = band(level, doc.levels.length);
    const barWidth = Math.min(28, (width * 0.8) / Math.max(1, policies.length));
    policies.forEach((policy, i) => {
      const row = rows.find((r) => r.level === level && r.policy === policy);
      if (row) parts.push(bar(row, key, centre + (i - policies.length / 2) * barWidth, barWidth, scale.max, i));
    });
  });
  const title = `${metric.label}, by noise level and policy`;
  const desc = `Mean over lines of the ${metric.label}, one bar per policy in each of ${doc.levels.length} noise levels; the whisker is the 95% t interval. Simulated world.`;
  return `<figure>${svgFrame(`chart-${key}`, title, desc, parts.join(''))}<figcaption>${htmlText(title)} (mean and 95% interval over ${doc.lines} lines; simulated).</figcaption></figure>`;
}

function bar(row: SummaryRow, key: MetricKey, x: number, width: number, max: number, series: number): string {
  const e = row.metrics[key];
  if (e.mean === null) return '';
  const metric = METRICS.find((m) => m.key === key)!;
  const y = yOf(e.mean, max);
  const parts = [`<rect class="bar s${series % 6}" x="${n1(x)}" y="${n1(y)}" width="${n1(width * 0.9)}" height="${n1(yOf(0, max) - y)}"/>`];
  if (e.low !== null && e.high !== null) {
    const cx = n1(x + width * 0.45);
    parts.push(`<line class="whisker" x1="${cx}" x2="${cx}" y1="${n1(yOf(Math.max(0, e.low), max))}" y2="${n1(yOf(e.high, max))}"/>`);
  }
  const label = `${row.policy}, ${noiseText(row.noise)}: ${metric.short} ${estimateText(e, metric.kind)}`;
  return `<g class="pt s${series % 6}" data-level="${row.level}" data-series="${htmlText(row.policy)}" data-value="${e.mean}">${parts.join('')}<title>${htmlText(label)}</title></g>`;
}

function table(doc: StudyDocument, level: number): string {
  const start = doc.starts[level]!;
  const head = `<tr><th>policy</th>${METRICS.map((m) => `<th class="num">${htmlText(m.short)}</th>`).join('')}</tr>`;
  const rows = doc.summary
    .filter((r) => r.level === level)
    .map((r) => `<tr><td>${htmlText(r.policy)}</td>${METRICS.map((m) => `<td class="num">${htmlText(estimateText(r.metrics[m.key], m.kind))}</td>`).join('')}</tr>`);
  const why = doc.why
    .filter((r) => r.level === level)
    .map((r) => `<tr><td>${htmlText(r.policy)}</td><td class="num">${r.candidates}</td><td class="num">${r.promotions}</td><td class="num">${r.refused}</td><td>${htmlText(refusedText(r.refusedBy))}</td><td class="num">${causesText(r.shippedCauses)}</td><td class="num">${causesText(r.refusedGoodCauses)}</td></tr>`);
  const whyHead = '<tr><th>policy</th><th class="num">candidates</th><th class="num">promoted</th><th class="num">refused</th><th>refused by (rule: candidates)</th><th class="num">regressions shipped (re-roll / broad / other)</th><th class="num">regressions in refused good candidates (re-roll / broad / other)</th></tr>';
  return (
    `<h3>${htmlText(noiseText(start.noise))}</h3>\n<p>Where every line started: true dev ${htmlText(estimateText(start.trueDev, 'rate'))}, true holdout ${htmlText(estimateText(start.trueHoldout, 'rate'))}.</p>\n` +
    `<table>\n<thead>${head}</thead>\n<tbody>${rows.join('\n')}</tbody>\n</table>\n` +
    `<p>Why, summed over the ${doc.lines} lines:</p>\n<table>\n<thead>${whyHead}</thead>\n<tbody>${why.join('\n')}</tbody>\n</table>`
  );
}
