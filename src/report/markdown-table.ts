import { integer } from './format.js';
import { markdownCell } from './escape.js';

export interface Column<T> {
  header: string;
  /** Cell text, escaped by the table (return raw text). */
  cell: (row: T) => string;
  align?: 'left' | 'right';
  /** Longest cell, in characters, before it is clipped. */
  max?: number;
}

/**
 * A GitHub-flavoured Markdown table of at most `maxRows` rows; past that a last row says how
 * many were left out. Every cell is escaped (pipes, newlines, backticks, HTML).
 */
export function markdownTable<T>(columns: readonly Column<T>[], rows: readonly T[], maxRows: number): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(columns.map((c) => markdownCell(c.header))), line(columns.map((c) => (c.align === 'right' ? '---:' : '---')))];
  const shown = Math.min(rows.length, Math.max(0, maxRows));
  for (let i = 0; i < shown; i++) {
    const row = rows[i] as T;
    out.push(line(columns.map((c) => markdownCell(c.cell(row), c.max))));
  }
  if (rows.length > shown) {
    out.push(line(columns.map((_, i) => (i === 0 ? `… and ${integer(rows.length - shown)} more` : ' '))));
  }
  return out.join('\n');
}
