import { htmlText } from './escape.js';
import { cost, integer, percent, rate } from './format.js';
import { historySection } from './html-charts.js';
import { evidenceHtml } from './html-evidence.js';
import { HTML_STYLE } from './html-style.js';
import { htmlTable } from './html-table.js';
import type { Report } from './model.js';
import { acceptedLine, budgetLine, candidateWords, decisionLine, flipLabel, flipNote, flipSummary, reasonExamples, SIMULATED_REPORT_NOTE, statsLine, subjectWords } from './wording.js';

export interface HtmlOptions {
  /** Most rows of the flips table (default 2,000; report.json has all). */
  maxRows?: number;
}

// Nothing may load: no network, no script. The icon is inline so the browser asks for no favicon.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The report as one self-contained HTML page: the sections of the Markdown report plus three
 * inline SVG charts along the version line, each with its data as a table. No external
 * resource, no script, no event handler; light and dark by the reader's setting. It is also
 * well-formed XML (void elements self-closed), so a strict parser can check it.
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const title = `agentdevel report: ${report.agent}, ${subjectWords(report)}`;
  const body = [header(report), historySection(report.history), flips(report, options.maxRows ?? 2_000), evidenceHtml(report), symptoms(report), intent(report), patch(report), usage(report), runs(report)];
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}"/>\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/>\n<meta name="color-scheme" content="light dark"/>\n` +
    `<link rel="icon" href="data:,"/>\n<title>${htmlText(title)}</title>\n<style>${HTML_STYLE}</style>\n</head>\n` +
    `<body>\n<main>\n${body.filter((s) => s !== '').join('\n')}\n</main>\n</body>\n</html>\n`
  );
}

function header(r: Report): string {
  const out = [`<h1 class="outcome-${r.outcome}">${htmlText(decisionLine(r))}</h1>`];
  if (r.stats) out.push(`<p class="stats">${htmlText(statsLine(r))}</p>`);
  const reasons = [...r.reasons].sort((a, b) => Number(a.passed) - Number(b.passed));
  if (reasons.length > 0) {
    out.push('<ul class="reasons">');
    for (const x of reasons) {
      const listed = reasonExamples(x, 20);
      const examples = listed ? ` <span class="muted">(${htmlText(listed.shown.join(', '))}${listed.more > 0 ? ` … and ${integer(listed.more)} more` : ''})</span>` : '';
      out.push(`<li><span class="${x.passed ? 'ok' : 'failed'}" aria-label="${x.passed ? 'held' : 'failed'}">${x.passed ? '✔' : '✘'}</span> ${htmlText(x.text)}${examples}</li>`);
    }
    out.push('</ul>');
  }
  const accepted = acceptedLine(r);
  if (accepted) out.push(`<p class="accepted-regressions"><span class="failed" aria-label="warning">⚠</span> ${htmlText(accepted)}</p>`);
  const budget = budgetLine(r);
  if (budget) out.push(`<p class="budget">${htmlText(budget)}</p>`);
  if (r.outcome === 'no-candidate') out.push(`<p>This iteration ended with no release candidate${r.noCandidateReason ? ` (${htmlText(r.noCandidateReason)})` : ''}: nothing was gated.</p>`);
  if (r.outcome === 'pending') out.push('<p>The release candidate has not been gated yet.</p>');
  if (r.simulated) out.push(`<p class="note" role="note"><strong>${htmlText(SIMULATED_REPORT_NOTE)}</strong></p>`);
  if (r.missing.length > 0) {
    out.push('<div class="note" role="note"><p>Not available in this iteration:</p><ul>');
    for (const m of r.missing) out.push(`<li><code>${htmlText(m.file)}</code>: ${htmlText(m.meaning)}</li>`);
    out.push('</ul></div>');
  }
  return `<header>\n${out.join('\n')}\n</header>`;
}

function flips(r: Report, maxRows: number): string {
  if (r.stats === null) return '';
  const head = `<section aria-labelledby="h-flips"><h2 id="h-flips">Flips</h2><p>${htmlText(flipSummary(r))}</p>`;
  if (r.flips.length === 0) return `${head}<p>No example changed between the baseline and the ${candidateWords(r).long}.</p></section>`;
  const table = htmlTable(
    [
      { header: 'Flip', cell: flipLabel },
      { header: 'Example', cell: (f) => f.exampleId },
      { header: 'Suite', cell: (f) => f.suite },
      { header: 'Split', cell: (f) => f.split },
      { header: 'Baseline', cell: (f) => rate(f.baseline), numeric: true },
      { header: candidateWords(r).short, cell: (f) => rate(f.rc), numeric: true },
      { header: 'Symptoms (baseline)', cell: (f) => f.labels.join(', ') },
      { header: 'Note', cell: flipNote },
    ],
    r.flips,
    maxRows,
  );
  return `${head}${table}</section>`;
}

function symptoms(r: Report): string {
  const d = r.diagnosis;
  if (d === null) return '';
  const targets = new Set(d.target.targets);
  const target = d.target.status === 'targeted' ? `Targeted: ${d.target.targets.join(', ')}. ${d.target.reason}` : `No actionable symptom: ${d.target.reason}`;
  const table =
    d.symptoms.length === 0
      ? ''
      : htmlTable(
          [
            { header: 'Symptom', cell: (s) => `${s.label}${targets.has(s.label) ? ' (target)' : ''}` },
            { header: 'Failing records', cell: (s) => integer(s.records), numeric: true },
            { header: 'Share of failures', cell: (s) => percent(s.shareOfFailures), numeric: true },
            { header: 'Examples', cell: (s) => integer(s.examples), numeric: true },
            { header: 'Expected gain', cell: (s) => String(s.expectedGain), numeric: true },
            { header: 'Meaning', cell: (s) => s.description ?? '' },
          ],
          d.symptoms,
        );
  return `<section aria-labelledby="h-symptoms"><h2 id="h-symptoms">Symptoms in the baseline</h2><p>${integer(d.failingRecords)} failing dev records. ${htmlText(target)}</p>${table}</section>`;
}

function intent(r: Report): string {
  const i = r.intent;
  if (i === null) return '';
  return (
    `<section aria-labelledby="h-intent"><h2 id="h-intent">Intent</h2><p>${htmlText(i.summary)}</p><ul>` +
    `<li>Targets: ${htmlText(i.targets.join(', ') || '(none)')}</li><li>Expected fixes: ${htmlText(i.expectedFixes.join(', ') || '(none named)')}</li></ul></section>`
  );
}

function patch(r: Report): string {
  const p = r.patch;
  if (p === null) return '';
  const files = p.files.map((f) => `<li>${htmlText(f.action)} <code>${htmlText(f.path)}</code> (+${f.added} −${f.removed})</li>`).join('');
  const lines = p.text.replace(/\n$/, '').split('\n').map((line) => {
    const cls = line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '';
    return cls ? `<span class="${cls}">${htmlText(line)}</span>` : `${htmlText(line)}\n`;
  });
  return `<section aria-labelledby="h-patch"><h2 id="h-patch">Blueprint diff</h2><ul>${files}</ul><pre><code>${lines.join('')}</code></pre></section>`;
}

function usage(r: Report): string {
  if (r.usage.length === 0) return '';
  return (
    '<section aria-labelledby="h-usage"><h2 id="h-usage">Usage and cost</h2>' +
    htmlTable(
      [
        { header: 'Role', cell: (u) => u.role },
        { header: 'Calls', cell: (u) => integer(u.calls), numeric: true },
        { header: 'Cache hits', cell: (u) => integer(u.cacheHits), numeric: true },
        { header: 'Prompt tokens', cell: (u) => integer(u.promptTokens), numeric: true },
        { header: 'Completion tokens', cell: (u) => integer(u.completionTokens), numeric: true },
        { header: 'Cost', cell: (u) => cost(u.cost), numeric: true },
      ],
      r.usage,
    ) +
    '</section>'
  );
}

function runs(r: Report): string {
  const item = (label: string, value: string | null) => `<li>${label}: ${value === null ? '—' : `<code>${htmlText(value)}</code>`}</li>`;
  const confirmation = r.runs.confirmation.length > 0 ? `<li>confirmation runs: ${r.runs.confirmation.map((id) => `<code>${htmlText(id)}</code>`).join(', ')}</li>` : '';
  const stamp = r.generatedAt ? `<p class="muted">agentdevel report, schema ${r.schemaVersion}, generated ${htmlText(r.generatedAt)}</p>` : '';
  return (
    `<section aria-labelledby="h-runs"><h2 id="h-runs">Runs and commits</h2><ul>${item('baseline run', r.runs.baseline)}${item('RC run', r.runs.rc)}${confirmation}` +
    `${item('baseline commit', r.commits.baseline)}${item('RC commit', r.commits.rc)}${item('RC branch', r.commits.rcBranch)}</ul>${stamp}</section>`
  );
}
