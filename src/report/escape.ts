/**
 * Escaping for the three markups the reports write. Every string that reaches a report may
 * come from a model or a user file (example ids, critic labels, the engineer's intent), so each
 * one goes through one of these.
 */

// C0 controls other than tab/newline/CR, DEL, C1 controls, lone surrogates, U+FFFE/U+FFFF:
// none of them is allowed in XML 1.0, and none reads well anywhere.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A quick test first: most text has none (any surrogate takes the slow path, to tell pairs from lone ones).
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Control characters (and lone surrogates) written visibly as `\uXXXX`. */
export function visibleControls(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Cuts text to at most `max` characters (an ellipsis included), never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~#&!]/g;

/** U+200D ZERO WIDTH JOINER: invisible, and no GitHub reference reads across it. */
export const ZWJ = '\u200D';

// What GitHub turns into a link in text outside code, after the Markdown is rendered (so a
// backslash escape does not stop it): `@name` and `@org/team` (a mention: it notifies them),
// `#12` and `owner/repo#12` (an issue link, which also shows in that timeline), `GH-12`.
const GITHUB_REFERENCE = /@(?=[A-Za-z0-9_-])|#(?=\d)|\bGH(?=-\d)/gi;

/**
 * GitHub's references made inert: a zero-width joiner after the `@`, the `#` or the `GH`, so a
 * report quoting a trace, an example or a symptom pings nobody and links no issue, and still
 * reads the same.
 */
export function inertReferences(text: string): string {
  return text.replace(GITHUB_REFERENCE, (sign) => `${sign}${ZWJ}`);
}

/**
 * Inline Markdown text shown literally: markup characters backslash-escaped (`|` included, so
 * it is safe in a table cell), newlines and tabs as spaces, controls made visible, `<`/`>`
 * never read as HTML, and no @mention or #issue link (inertReferences).
 */
export function markdownText(text: string, max = 300): string {
  const flat = visibleControls(String(text)).replace(/\s*[\r\n\t]+\s*/g, ' ');
  const escaped = clip(flat, max).replace(MARKDOWN_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
  return inertReferences(escaped);
}

/** A table cell: text as above, never empty (an empty cell reads as a missing column). */
export function markdownCell(text: string, max = 120): string {
  const cell = markdownText(text, max).trim();
  return cell === '' ? ' ' : cell;
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
export function codeFence(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

const XML_SPECIAL = /[&<>"']/;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** XML text content (also safe in attributes): entities for markup, controls made visible. */
export function xmlText(text: string): string {
  const visible = visibleControls(String(text));
  return XML_SPECIAL.test(visible) ? visible.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c) : visible;
}

/** An XML attribute value: as text, plus newline, CR and tab kept as character references (parsers normalise them to spaces otherwise). */
export function xmlAttr(text: string): string {
  const escaped = xmlText(text);
  return /[\n\r\t]/.test(escaped) ? escaped.replace(/[\n\r\t]/g, (c) => `&#${c.charCodeAt(0)};`) : escaped;
}

/** HTML text or attribute value (quoted with "). */
export function htmlText(text: string): string {
  return xmlText(text);
}
