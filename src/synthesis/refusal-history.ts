import { estimateTokens } from '../llm/index.js';
import { oneLine } from './commit-message.js';
import type { DiffFileSummary } from './diff-summary.js';

/**
 * The line's refused candidates as the engineer is shown them. Plain data, so the release loop
 * (which reads it from the ledger and the iteration store) and the study (which holds it in
 * memory) build the very same section of the request.
 */

/** An example a refused candidate broke: a confirmed P→F of its gate. */
export interface RefusedRegression {
  /** `suite/id`. */
  key: string;
  /** The task as the agent saw it (its text). */
  task: string;
  /** The suite's expected output, as text (null when the suite gives none). */
  expected: string | null;
  /** The answers of the version the candidate was compared with, and of the candidate (null when unknown). */
  baseline: string | null;
  candidate: string | null;
}

/** A rule of the gate that refused the candidate, with what it measured in one line. */
export interface RefusingRule {
  rule: string;
  detail: string;
}

export interface RefusedCandidate {
  iteration: number;
  /** The gate's decision, or `duplicate` for an iteration whose attempts only repeated refused candidates. */
  outcome: 'reject' | 'inconclusive' | 'duplicate';
  /** The candidate's tree hash (git's tree id of the agent folder); null when not known. */
  candidateHash: string | null;
  intent: { targets: string[]; summary: string } | null;
  diff: DiffFileSummary[];
  /** Empty for a duplicate (it was never gated). */
  rules: RefusingRule[];
  regressions: RefusedRegression[];
  /** For a duplicate: the iterations whose candidates it repeated. */
  duplicateOf?: number[];
}

/** An iteration that ended with no candidate because its attempts only repeated refused ones (SynthesisResult's duplicateOf). */
export function duplicateIteration(iteration: number, duplicateOf: readonly number[]): RefusedCandidate {
  return { iteration, outcome: 'duplicate', candidateHash: null, intent: null, diff: [], rules: [], regressions: [], duplicateOf: [...duplicateOf] };
}

export interface RenderedHistory {
  /** The request's section ('' when nothing is refused or the budget holds nothing). */
  text: string;
  shown: number;
  /** Refused candidates left out for the budget (the oldest ones). */
  omitted: number;
}

export const HISTORY_HEADING = '# Refused candidates of this version line';
const MAX_REGRESSIONS = 5;
const TASK_CHARS = 300;
const ANSWER_CHARS = 200;

/**
 * The history section: most recent refusal first, each whole or not at all, within
 * `budgetTokens` (estimated at about 4 characters a token, as the model layer's usage does).
 * A refusal too long in full is shown without its examples' details before it is left out.
 * Every line of it is a list item or an `##` heading: no answer text can open a section of
 * its own (answers and tasks are quoted as JSON strings on one line).
 */
export function renderRefusalHistory(list: readonly RefusedCandidate[], budgetTokens: number): RenderedHistory {
  if (list.length === 0 || budgetTokens <= 0) return { text: '', shown: 0, omitted: list.length };
  const ordered = [...list].sort((a, b) => b.iteration - a.iteration);
  const head = [
    HISTORY_HEADING,
    '',
    'The release gate refused these candidates of earlier iterations (most recent first). A candidate identical to one of them is refused without being run: propose a different change, and learn from the rules that refused them and the examples they broke.',
    '',
  ];
  const parts = [...head];
  let used = estimateTokens(head.join('\n'));
  let shown = 0;
  for (const refused of ordered) {
    const note = omittedNote(ordered.length - shown - 1);
    const full = entry(refused, true).join('\n');
    const brief = entry(refused, false).join('\n');
    const fits = [full, brief].find((text) => used + estimateTokens(`${text}\n${note}`) <= budgetTokens);
    if (fits === undefined) break;
    parts.push(fits);
    used += estimateTokens(`${fits}\n`);
    shown += 1;
  }
  if (shown === 0) return { text: '', shown: 0, omitted: list.length };
  const omitted = ordered.length - shown;
  if (omitted > 0) parts.push(omittedNote(omitted));
  return { text: `${parts.join('\n').trimEnd()}\n`, shown, omitted };
}

function omittedNote(omitted: number): string {
  return omitted > 0 ? `(${omitted} earlier refused candidate${omitted === 1 ? ' is' : 's are'} left out to keep this request short: synthesis.historyTokens.)\n` : '';
}

function entry(refused: RefusedCandidate, details: boolean): string[] {
  const lines = [`## Iteration ${refused.iteration}: ${outcomeText(refused)}`, ''];
  if (refused.intent) lines.push(`- Intent: targets ${refused.intent.targets.join(', ') || '(none)'}. ${oneLine(refused.intent.summary, 400)}`);
  for (const file of refused.diff) {
    lines.push(`- Change: ${file.action} ${file.path} (+${file.added} -${file.removed})`);
    for (const line of file.lines) lines.push(`  ${line}`);
    if (file.moreLines > 0) lines.push(`  (${file.moreLines} more changed line${file.moreLines === 1 ? '' : 's'})`);
  }
  if (refused.candidateHash) lines.push(`- Candidate tree: ${refused.candidateHash}`);
  if (refused.rules.length > 0) lines.push(`- Refused by: ${refused.rules.map((r) => `${r.rule} (${oneLine(r.detail, 200)})`).join('; ')}`);
  const broke = refused.regressions;
  if (broke.length > 0) {
    lines.push(`- Broke ${broke.length} example${broke.length === 1 ? '' : 's'} that passed before (confirmed P→F): ${broke.map((r) => r.key).join(', ')}`);
    if (details) {
      for (const r of broke.slice(0, MAX_REGRESSIONS)) {
        lines.push(`  - ${r.key}: task ${quote(r.task, TASK_CHARS)}; expected ${quote(r.expected, ANSWER_CHARS)}; answer before ${quote(r.baseline, ANSWER_CHARS)}; answer with the candidate ${quote(r.candidate, ANSWER_CHARS)}`);
      }
      if (broke.length > MAX_REGRESSIONS) lines.push(`  - (${broke.length - MAX_REGRESSIONS} more not shown)`);
    }
  }
  lines.push('');
  return lines;
}

function outcomeText(refused: RefusedCandidate): string {
  if (refused.outcome === 'duplicate') {
    const of = refused.duplicateOf ?? [];
    return `no candidate: every change proposed repeated a refused candidate${of.length > 0 ? ` (of iteration ${of.join(', ')})` : ''}`;
  }
  return refused.outcome === 'reject' ? 'rejected by the gate' : 'inconclusive at the gate (not promoted)';
}

function quote(text: string | null, max: number): string {
  if (text === null) return '(unknown)';
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}
