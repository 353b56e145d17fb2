import { htmlText } from './escape.js';
import { integer, percent, pValue } from './format.js';
import type { LedgerPoint } from './input.js';
import { band, countScale, emptyNote, legend, n1, svgFrame, xAxis, yAxis, yOf } from './svg.js';
import { outcomeWords } from './wording.js';

/**
 * The three charts of the HTML report, from the ledger (one point per iteration). Every data
 * point is an SVG element with `data-iteration`, `data-series` and `data-value`, and a
 * `<title>` a browser shows on hover, so the page needs no script.
 */

const NO_LEDGER = 'No ledger entries yet: the chart fills as iterations are recorded.';
const SYMPTOM_SERIES = 6;
export const OTHER_LABELS = '(other labels)';

const xLabel = (p: LedgerPoint) => (p.version ? `${p.iteration} · ${p.version}` : String(p.iteration));
const pointName = (p: LedgerPoint) => `Iteration ${p.iteration}${p.version ? ` (${p.version})` : ''}, ${outcomeWords[p.outcome].title.toLowerCase()}`;

function point(p: LedgerPoint, className: string, series: string, value: number, shape: string, text: string): string {
  return `<g class="pt ${className}" data-iteration="${p.iteration}" data-series="${htmlText(series)}" data-value="${value}">${shape}<title>${htmlText(text)}</title></g>`;
}

/** Pass rate of the version line after each iteration: dev and holdout. */
export function passRateChart(history: readonly LedgerPoint[]): string {
  const title = 'Pass rate along the version line';
  const body: string[] = [yAxis(1, 0.2, (v) => percent(v, 0), 'Pass rate'), xAxis(history.map(xLabel), 'Iteration · version after it')];
  if (history.length === 0) body.push(emptyNote(NO_LEDGER));
  body.push(legend([{ className: 'dev', name: 'dev' }, { className: 'holdout', name: 'holdout' }]));
  for (const split of ['dev', 'holdout'] as const) {
    const path: string[] = [];
    const marks: string[] = [];
    let pen = 'M';
    history.forEach((p, i) => {
      const value = p.passRate[split];
      if (value === null) {
        pen = 'M'; // a gap in the line where the split was not measured
        return;
      }
      const x = n1(band(i, history.length).centre);
      const y = n1(yOf(value, 1));
      path.push(`${pen}${x} ${y}`);
      pen = 'L';
      const hollow = p.outcome === 'accept' ? '' : ' hollow';
      marks.push(point(p, split, split, value, `<circle class="mark${hollow}" cx="${x}" cy="${y}" r="4"/>`, `${pointName(p)}: ${split} pass rate ${percent(value)}`));
    });
    if (path.length > 0) body.push(`<path class="line ${split}" d="${path.join(' ')}"/>`);
    body.push(...marks);
  }
  const desc = history.length === 0 ? NO_LEDGER : `Dev and holdout pass rate of the version on the line after each of ${history.length} iterations; hollow points mark iterations whose candidate was not accepted.`;
  return svgFrame('chart-pass-rate', title, desc, body.join(''));
}

/** Confirmed P→F and F→P per iteration, side by side. */
export function flipsChart(history: readonly LedgerPoint[]): string {
  const title = 'Confirmed flips per iteration';
  const max = Math.max(0, ...history.map((p) => Math.max(p.p2f ?? 0, p.f2p ?? 0)));
  const scale = countScale(max);
  const body: string[] = [yAxis(scale.max, scale.step, integer, 'Examples'), xAxis(history.map(xLabel), 'Iteration · version after it')];
  if (history.length === 0) body.push(emptyNote(NO_LEDGER));
  body.push(legend([{ className: 'p2f', name: 'P→F (regressions)' }, { className: 'f2p', name: 'F→P (fixes)' }]));
  history.forEach((p, i) => {
    const { centre, width } = band(i, history.length);
    const barWidth = Math.min(28, width * 0.38);
    for (const [series, offset] of [['p2f', -1], ['f2p', 0]] as const) {
      const value = p[series];
      if (value === null) continue;
      const x = centre + offset * barWidth;
      const y = yOf(value, scale.max);
      const height = yOf(0, scale.max) - y;
      const name = series === 'p2f' ? 'P→F' : 'F→P';
      const shape = `<rect class="bar" x="${n1(x)}" y="${n1(y)}" width="${n1(barWidth)}" height="${n1(height)}"/><text class="value" x="${n1(x + barWidth / 2)}" y="${n1(y - 4)}" text-anchor="middle">${integer(value)}</text>`;
      body.push(point(p, series, series, value, shape, `${pointName(p)}: ${integer(value)} confirmed ${name}${p.pValue === null ? '' : `, McNemar p ${pValue(p.pValue)}`}`));
    }
  });
  const desc = history.length === 0 ? NO_LEDGER : `Confirmed pass-to-fail (regressions) and fail-to-pass (fixes) examples in each of ${history.length} iterations; flaky examples are not counted.`;
  return svgFrame('chart-flips', title, desc, body.join(''));
}

/** The labels charted: the most frequent over all iterations, the rest summed. */
export function symptomSeries(history: readonly LedgerPoint[]): string[] {
  const totals = new Map<string, number>();
  for (const p of history) for (const [label, count] of Object.entries(p.symptoms)) totals.set(label, (totals.get(label) ?? 0) + count);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([label]) => label);
  return ranked.length <= SYMPTOM_SERIES ? ranked : [...ranked.slice(0, SYMPTOM_SERIES - 1), OTHER_LABELS];
}

/** Failing baseline records per symptom label in each iteration, stacked. */
export function symptomsChart(history: readonly LedgerPoint[]): string {
  const title = 'Symptoms per iteration';
  const series = symptomSeries(history);
  const named = new Set(series.filter((s) => s !== OTHER_LABELS));
  const valueOf = (p: LedgerPoint, label: string) =>
    label === OTHER_LABELS ? Object.entries(p.symptoms).reduce((n, [l, c]) => n + (named.has(l) ? 0 : c), 0) : (p.symptoms[label] ?? 0);
  const max = Math.max(0, ...history.map((p) => series.reduce((n, s) => n + valueOf(p, s), 0)));
  const scale = countScale(max);
  const body: string[] = [yAxis(scale.max, scale.step, integer, 'Failing records'), xAxis(history.map(xLabel), 'Iteration · version after it')];
  if (history.length === 0) body.push(emptyNote(NO_LEDGER));
  else if (series.length === 0) body.push(emptyNote('No symptom was recorded in any iteration.'));
  body.push(legend(series.map((s, i) => ({ className: `s${i}`, name: s }))));
  history.forEach((p, i) => {
    const { centre, width } = band(i, history.length);
    const barWidth = Math.min(40, width * 0.6);
    let stacked = 0;
    series.forEach((label, k) => {
      const value = valueOf(p, label);
      if (value === 0) return;
      const top = yOf(stacked + value, scale.max);
      const height = yOf(stacked, scale.max) - top;
      stacked += value;
      const shape = `<rect class="bar s${k}" x="${n1(centre - barWidth / 2)}" y="${n1(top)}" width="${n1(barWidth)}" height="${n1(height)}"/>`;
      body.push(point(p, `s${k}`, label, value, shape, `${pointName(p)}: ${integer(value)} failing records with ${label}`));
    });
  });
  const desc = history.length === 0 ? NO_LEDGER : `Failing dev records of each iteration's baseline per symptom label (${series.join(', ') || 'none'}), stacked, over ${history.length} iterations.`;
  return svgFrame('chart-symptoms', title, desc, body.join(''));
}
