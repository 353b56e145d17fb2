import { clip, codeFence, htmlText, inertReferences, markdownText, visibleControls } from './escape.js';
import { integer } from './format.js';
import type { AnswerInput } from './input.js';
import type { Section } from './markdown-sections.js';
import type { FlipRow, Report } from './model.js';
import { evidenceRows, evidenceTitle, sideWords } from './wording.js';

/** Blocks shown at each detail level, and how much of each part a block keeps. */
const BLOCKS = [20, 10, 5, 0];
const MD_CLIP = { task: 600, expected: 400, answer: 800, feedback: 300, toolCalls: 8 } as const;

/** Text in a fenced block: nothing in it is Markdown or HTML, and no fence in it can close the block. */
function fenced(text: string, max: number): string {
  const body = clip(visibleControls(text), max);
  const fence = codeFence(body);
  return `${fence}text\n${body}\n${fence}`;
}

function answer(side: 'baseline' | 'rc', a: AnswerInput | null): string {
  const title = `**${sideWords[side]}** (${a?.status ?? 'no record'})`;
  if (a === null) return `${title}: no record of this version was read.`;
  const out = [title, '', fenced(a.answer === '' ? '(no answer)' : a.answer, MD_CLIP.answer)];
  if (a.toolCalls.length > 0) {
    const shown = a.toolCalls.slice(0, MD_CLIP.toolCalls).map((c) => `\`${c.replace(/`/g, "'")}\``);
    const more = a.toolCalls.length - shown.length;
    out.push('', `Tool calls: ${shown.join(' → ')}${more > 0 ? ` … and ${integer(more)} more` : ''}`);
  }
  if (a.feedback !== '') out.push('', `Scorer: ${markdownText(a.feedback, MD_CLIP.feedback)}`);
  return out.join('\n');
}

/** One flip as a collapsible block: the summary line says what it is, the body shows the evidence. */
function block(f: FlipRow): string {
  // GitHub renders no Markdown inside <summary>: plain HTML text, with no @mention or #issue link.
  const summary = inertReferences(htmlText(evidenceTitle(f)));
  const e = f.evidence!;
  const body = [
    '**Task**',
    '',
    e.task === null ? '_The suite no longer holds this example._' : fenced(e.task, MD_CLIP.task),
    '',
    '**Expected**',
    '',
    e.expected === null ? '_No expected value (scored by rubric or script)._' : fenced(e.expected, MD_CLIP.expected),
    '',
    answer('baseline', e.baseline),
    '',
    answer('rc', e.rc),
  ];
  if (f.labels.length > 0) body.push('', `Critic's labels (baseline): ${f.labels.map((l) => markdownText(l, 60)).join(', ')}`);
  return `<details><summary>${summary}</summary>\n\n${body.join('\n')}\n\n</details>`;
}

/**
 * Confirmed and flaky flips with their evidence, most severe first (must-pass regressions, then
 * regressions, fixes, flaky ones), each a `<details>` block GitHub shows collapsed; past the
 * level's count, a line says how many more the HTML and JSON reports hold.
 */
export const evidenceSection: Section = {
  name: 'evidence',
  levels: BLOCKS.length,
  render(r: Report, level) {
    const rows = evidenceRows(r);
    if (rows.length === 0) return '';
    const shown = rows.slice(0, BLOCKS[level] ?? 0);
    const more = rows.length - shown.length;
    const out = ['### Evidence', '', 'Each flip (confirmed, flaky, or left unconfirmed because no rerun could change the decision): the task, the expected value and what each version answered (one record of each, the one that shows the flip).'];
    for (const f of shown) out.push('', block(f));
    if (more > 0) out.push('', `_${integer(more)} more in the HTML/JSON report._`);
    return out.join('\n');
  },
};
