/** Small Markdown helpers for the spec: fences that cannot be broken by their content, table cells, capped lists. */

/** A fenced block whose fence is longer than any run of backticks inside the text. */
export function fenced(text: string, info = 'text'): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

/** Text from a record or a critique (an example id, a tag, a tool name) on one line, so it can never start a line of its own. */
export function one(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ⏎ ');
}

export function cell(text: string | number): string {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** At most `limit` items, then a line saying how many more are in diagnosis.json. */
export function capped<T>(items: readonly T[], limit: number, render: (item: T) => string): string[] {
  const lines = items.slice(0, limit).map(render);
  if (items.length > limit) lines.push(`- … and ${items.length - limit} more (all in diagnosis.json)`);
  return lines;
}

/** `a: 3, b: 2` — counts inline, capped. */
export function inlineCounts(counts: ReadonlyArray<{ name: string; count: number }>, limit = 6, prefix = ''): string {
  if (counts.length === 0) return '(none)';
  const shown = counts.slice(0, limit).map((c) => `${/^\d+$/.test(c.name) ? prefix : ''}${one(c.name)}: ${c.count}`);
  return counts.length > limit ? `${shown.join(', ')}, … ${counts.length - limit} more` : shown.join(', ');
}

/** One line of quoted text, clipped. */
export function quote(text: string, limit = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit)}…` : line;
}
