import { recordKey } from './keys.js';

/**
 * A record's key (suite, exampleId, repeat) read off its JSON line without parsing the rest:
 * the top-level fields are walked in order and nested values skipped by bracket depth, so with
 * the writer's field order (runId, suite, exampleId, repeat first) only the line's first few
 * dozen characters are looked at, however long its trace. Undefined when the line does not
 * read as such an object; the caller then parses it in full.
 */
export function scanRecordKey(line: string): string | undefined {
  let at = skipSpace(line, 0);
  if (line[at] !== '{') return undefined;
  at += 1;
  let suite: string | undefined;
  let exampleId: string | undefined;
  let repeat: number | undefined;
  for (;;) {
    at = skipSpace(line, at);
    if (line[at] !== '"') return undefined;
    const keyEnd = stringEnd(line, at);
    if (keyEnd < 0) return undefined;
    const key = stringValue(line, at, keyEnd);
    at = skipSpace(line, keyEnd);
    if (line[at] !== ':') return undefined;
    const valueStart = skipSpace(line, at + 1);
    const valueEnd = line[valueStart] === '"' ? stringEnd(line, valueStart) : nestedOrScalarEnd(line, valueStart);
    if (valueEnd < 0) return undefined;
    if (key === 'suite' || key === 'exampleId') {
      if (line[valueStart] !== '"') return undefined;
      if (key === 'suite') suite = stringValue(line, valueStart, valueEnd);
      else exampleId = stringValue(line, valueStart, valueEnd);
    } else if (key === 'repeat') {
      repeat = Number(line.slice(valueStart, valueEnd));
      if (!Number.isInteger(repeat)) return undefined;
    }
    if (suite !== undefined && exampleId !== undefined && repeat !== undefined) return recordKey({ suite, exampleId, repeat });
    at = skipSpace(line, valueEnd);
    if (line[at] !== ',') return undefined;
    at += 1;
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\r' || text[at] === '\n')) at += 1;
  return at;
}

/** The index just past the string that opens at `start`, or -1 when it does not close. */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at += 1) {
    const c = text.charCodeAt(at);
    if (c === 92 /* \ */) at += 1;
    else if (c === 34 /* " */) return at + 1;
  }
  return -1;
}

function stringValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/** The index just past the number, literal, object or array that starts at `start`, or -1. */
function nestedOrScalarEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    const c = text[at];
    if (c === '"') {
      at = stringEnd(text, at) - 1;
      if (at < 0) return -1;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      if (depth === 0) return at;
      depth -= 1;
      if (depth === 0) return at + 1;
    } else if (depth === 0 && (c === ',' || c === ' ' || c === '\t' || c === '\r' || c === '\n')) return at;
  }
  return depth === 0 ? text.length : -1;
}
