import type { SimChatRequest } from '../types.js';
import type { Catalogue, CatalogueNeed } from './catalogue.js';
import { carries } from './prompt.js';
import { contentText, normalise } from './text.js';

/**
 * What the simulated engineer learns from refusals, read from the request's text as a model
 * would: the history section synthesis writes (its heading, then `## Iteration` entries whose
 * changed lines are indented `+ …` items) and, in a retry, its own replies that came back
 * refused as duplicates (`EPATCH duplicate`). Nothing else: no ledger, no ground truth.
 */

/** The heading renderRefusalHistory (src/synthesis) opens the section with. */
export const HISTORY_HEADING = '# Refused candidates of this version line';

export interface Refusals {
  /** Needs whose precise rule a refused candidate added. */
  precise: ReadonlySet<CatalogueNeed>;
  /** Needs whose broad rule a refused candidate added. */
  broad: ReadonlySet<CatalogueNeed>;
  /** Every line a refused candidate added, normalised. */
  lines: readonly string[];
  /** Whether anything was refused at all (else the engineer plays exactly as without history). */
  any: boolean;
}

/** The message's text without its history section, and the section's lines. */
export function splitHistory(text: string): { rest: string; history: string[] } {
  const lines = text.split('\n');
  const start = lines.indexOf(HISTORY_HEADING);
  if (start < 0) return { rest: text, history: [] };
  let end = lines.findIndex((line, i) => i > start && line.startsWith('# '));
  if (end < 0) end = lines.length;
  return { rest: [...lines.slice(0, start), ...lines.slice(end)].join('\n'), history: lines.slice(start + 1, end) };
}

export function readRefusals(catalogue: Catalogue, history: readonly string[], request: SimChatRequest): Refusals {
  const added = history.flatMap((line) => {
    const match = /^\s+\+ (.*)$/.exec(line);
    return match ? [match[1] ?? ''] : [];
  });
  added.push(...duplicateReplies(request));
  const lines = added.map(normalise).filter((line) => line !== '');
  const precise = new Set<CatalogueNeed>();
  const broad = new Set<CatalogueNeed>();
  for (const need of catalogue.suites.flatMap((suite) => suite.needs)) {
    if (lines.some((line) => carries(line, need))) precise.add(need);
    if (need.broad && lines.some((line) => carries(line, need.broad!))) broad.add(need);
  }
  return { precise, broad, lines, any: lines.length > 0 };
}

/** Lines its own earlier replies added, where the next user message refused them as duplicates. */
function duplicateReplies(request: SimChatRequest): string[] {
  const lines: string[] = [];
  request.messages.forEach((message, i) => {
    const next = request.messages[i + 1];
    if (message.role !== 'assistant' || next?.role !== 'user' || !contentText(next.content).includes('EPATCH duplicate')) return;
    let patch: unknown;
    try {
      patch = (JSON.parse(contentText(message.content)) as { patch?: unknown }).patch;
    } catch {
      return;
    }
    if (typeof patch !== 'string') return;
    for (const line of patch.split('\n')) if (line.startsWith('+') && !line.startsWith('+++')) lines.push(line.slice(1));
  });
  return lines;
}

/** The symptom labels of the specification's ranking table (`| rank | label | …`), in rank order. */
export function rankedLabels(text: string): string[] {
  return [...text.matchAll(/^\|\s*\d+\s*\|\s*([a-z][a-z0-9-]*)\s*\|/gm)].map((m) => m[1] ?? '');
}
