import { flipsChart, OTHER_LABELS, passRateChart, symptomSeries, symptomsChart } from './charts.js';
import { htmlText } from './escape.js';
import { integer, percent, pValue } from './format.js';
import { htmlTable } from './html-table.js';
import type { LedgerPoint } from './input.js';
import { outcomeWords } from './wording.js';

function figure(svg: string, caption: string, data: string): string {
  return `<figure>${svg}<figcaption>${htmlText(caption)}</figcaption><details><summary>Data</summary>${data}</details></figure>`;
}

/** The version line's section: the three charts, each with its data as a table. */
export function historySection(history: readonly LedgerPoint[]): string {
  const iterationCell = (p: LedgerPoint) => String(p.iteration);
  const versionCell = (p: LedgerPoint) => p.version ?? '—';
  const outcomeCell = (p: LedgerPoint) => outcomeWords[p.outcome].title;
  const series = symptomSeries(history);
  const named = new Set(series.filter((s) => s !== OTHER_LABELS));
  const symptomCell = (p: LedgerPoint, label: string) =>
    integer(label === OTHER_LABELS ? Object.entries(p.symptoms).reduce((n, [l, c]) => n + (named.has(l) ? 0 : c), 0) : (p.symptoms[label] ?? 0));
  return [
    '<section aria-labelledby="h-history"><h2 id="h-history">Along the version line</h2>',
    figure(
      passRateChart(history),
      'Pass rate of the version on the line after each iteration (dev solid, holdout dashed; hollow points: candidate not accepted).',
      htmlTable(
        [
          { header: 'Iteration', cell: iterationCell, numeric: true },
          { header: 'Version', cell: versionCell },
          { header: 'Outcome', cell: outcomeCell },
          { header: 'Dev pass rate', cell: (p) => percent(p.passRate.dev), numeric: true },
          { header: 'Holdout pass rate', cell: (p) => percent(p.passRate.holdout), numeric: true },
        ],
        history,
      ),
    ),
    figure(
      flipsChart(history),
      'Confirmed P→F (regressions) and F→P (fixes) per iteration; flaky examples are not counted.',
      htmlTable(
        [
          { header: 'Iteration', cell: iterationCell, numeric: true },
          { header: 'Outcome', cell: outcomeCell },
          { header: 'P→F', cell: (p) => (p.p2f === null ? '—' : integer(p.p2f)), numeric: true },
          { header: 'F→P', cell: (p) => (p.f2p === null ? '—' : integer(p.f2p)), numeric: true },
          { header: 'McNemar p', cell: (p) => pValue(p.pValue), numeric: true },
        ],
        history,
      ),
    ),
    figure(
      symptomsChart(history),
      "Failing dev records per symptom label in each iteration's baseline.",
      htmlTable([{ header: 'Iteration', cell: iterationCell, numeric: true }, ...series.map((label) => ({ header: label, cell: (p: LedgerPoint) => symptomCell(p, label), numeric: true }))], history),
    ),
    '</section>',
  ].join('\n');
}
