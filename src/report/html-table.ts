import { htmlText } from './escape.js';
import { integer } from './format.js';

export interface HtmlColumn<T> {
  header: string;
  cell: (row: T) => string;
  numeric?: boolean;
}

/** An HTML table of at most `maxRows` rows (text escaped), then a row saying how many were left out. */
export function htmlTable<T>(columns: readonly HtmlColumn<T>[], rows: readonly T[], maxRows = Infinity, caption?: string): string {
  const cls = (c: HtmlColumn<T>) => (c.numeric ? ' class="num"' : '');
  const out: string[] = ['<table>'];
  if (caption) out.push(`<caption class="muted">${htmlText(caption)}</caption>`);
  out.push(`<thead><tr>${columns.map((c) => `<th scope="col"${cls(c)}>${htmlText(c.header)}</th>`).join('')}</tr></thead><tbody>`);
  const shown = Math.min(rows.length, maxRows);
  for (let i = 0; i < shown; i++) {
    const row = rows[i] as T;
    out.push(`<tr>${columns.map((c) => `<td${cls(c)}>${htmlText(c.cell(row))}</td>`).join('')}</tr>`);
  }
  if (rows.length > shown) out.push(`<tr><td colspan="${columns.length}">… and ${integer(rows.length - shown)} more (report.json lists every one)</td></tr>`);
  out.push('</tbody></table>');
  return out.join('');
}
