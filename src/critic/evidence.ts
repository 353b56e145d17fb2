import type { BlindView } from './blind-view.js';

/** Quotation marks a critic may put around its quote, and the ellipses it may cut it with. */
const QUOTES = /^["'“”‘’`]+|["'“”‘’`]+$/g;
const ELLIPSIS = /…|\.\.\./;

/**
 * Whether a critic's evidence is a quotation from what it was shown: every piece between
 * ellipses occurs, case and spacing aside, in the trace, the output or the scorer feedback
 * (their text, or their JSON for arguments and structured output). Empty evidence is not.
 */
export function evidenceFound(evidence: string, view: BlindView): boolean {
  const pieces = evidence
    .split(ELLIPSIS)
    .map((piece) => normal(piece.trim().replace(QUOTES, '')))
    .filter((piece) => piece !== '');
  if (pieces.length === 0) return false;
  const haystack = normal(viewText(view));
  return pieces.every((piece) => haystack.includes(piece));
}

/** Every string the critic can quote, each also as JSON where it sits in a structure. */
function viewText(view: BlindView): string {
  const parts: string[] = [view.outcome?.feedback ?? ''];
  collect(view.output, parts);
  parts.push(JSON.stringify(view.output) ?? '');
  for (const entry of view.trace) {
    if (entry.kind === 'assistant') parts.push(entry.text);
    else if (entry.kind === 'observation') parts.push(entry.content, entry.tool);
    else if (entry.kind === 'error') parts.push(entry.message);
    else {
      parts.push(entry.tool);
      collect(entry.arguments, parts);
      parts.push(JSON.stringify(entry.arguments) ?? '');
    }
  }
  return parts.join('\n');
}

function collect(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collect(item, into);
  else if (value !== undefined && value !== null) into.push(String(value));
}

function normal(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
