import type { LedgerEntry } from '../../src/core/ledger.js';
import type { FlipEntry, GateResult } from '../../src/gate/index.js';
import { buildReport, reportInput, type Report, type ReportSources } from '../../src/report/index.js';
import { CRITIQUES, diagnosis, fullSources, gateResult, LEDGER } from './fixtures.js';

export function report(overrides: Partial<ReportSources> = {}): Report {
  return buildReport(reportInput(fullSources(overrides)));
}

/** The same iteration with nothing from the simulated world anywhere. */
export function realWorldSources(): Partial<ReportSources> {
  const d = diagnosis();
  return {
    simulated: false,
    critiques: CRITIQUES.map((c) => ({ ...c, critic: { ...c.critic, simulated: false } })),
    synthesis: { engineer: { model: 'gpt-x', simulated: false }, attempts: [] },
    diagnosis: { ...d, input: { ...d.input, simulated: false } },
    ledger: LEDGER.map((e): LedgerEntry => ({ ...e, simulated: false })),
  };
}

/** A gate result with `n` confirmed flips (every third a P→F), for size and speed. */
export function manyFlips(n: number): GateResult {
  const side = (pass: number, fail: number) => ({ pass, fail, error: 0, passRate: pass / (pass + fail) });
  const flips: FlipEntry[] = Array.from({ length: n }, (_, i) => {
    const p2f = i % 3 === 0;
    const id = `example-${String(i).padStart(5, '0')}`;
    return {
      key: `suite-${i % 4}/${id}`,
      suite: `suite-${i % 4}`,
      exampleId: id,
      split: i % 10 === 0 ? 'holdout' : 'dev',
      tags: [],
      direction: p2f ? 'p2f' : 'f2p',
      status: i % 50 === 0 ? 'flaky' : 'confirmed',
      baseline: p2f ? side(3, 0) : side(0, 3),
      candidate: p2f ? side(0, 3) : side(3, 0),
      mustPass: false,
      baselineSymptoms: p2f ? [] : ['wrong-tool', 'looping'],
    };
  });
  const base = gateResult();
  return { ...base, flips, counts: { ...base.counts, examples: n, p2f: flips.filter((f) => f.direction === 'p2f').length } };
}

/** Splits a Markdown table row into cells, honouring backslash escapes. */
export function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\') {
      cell += c + (row[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  out.push(cell.trim());
  // A row starts and ends with a pipe: drop the empty ends.
  return out.slice(1, -1);
}

/** The table rows (header and divider excluded) of the section that starts with `heading`. */
export function tableRows(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(heading);
  if (start < 0) return [];
  const rest = markdown.slice(start).split('\n');
  const first = rest.findIndex((line) => line.startsWith('|'));
  if (first < 0) return [];
  const rows: string[] = [];
  for (const line of rest.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

/** Markdown with its fenced code blocks removed (they are shown verbatim, not escaped). */
export function outsideFences(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
}
