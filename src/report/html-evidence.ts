import { diffWords } from 'diff';
import { htmlText } from './escape.js';
import type { AnswerInput } from './input.js';
import type { FlipRow, Report } from './model.js';
import { evidenceRows, evidenceTitle, sideWords } from './wording.js';

/**
 * The two answers side by side, each with what the other lacks marked: the baseline's words the
 * release candidate dropped as deleted, the candidate's new words as inserted.
 */
export function answerDiff(before: string, after: string): { baseline: string; rc: string } {
  const left: string[] = [];
  const right: string[] = [];
  for (const part of diffWords(before, after)) {
    const text = htmlText(part.value);
    if (part.added) right.push(`<ins>${text}</ins>`);
    else if (part.removed) left.push(`<del>${text}</del>`);
    else {
      left.push(text);
      right.push(text);
    }
  }
  return { baseline: left.join(''), rc: right.join('') };
}

function side(title: string, a: AnswerInput | null, marked: string): string {
  if (a === null) return `<td><p class="muted">No record of this version was read.</p></td>`;
  const calls = a.toolCalls.length === 0 ? '' : `<p>Tool calls:</p><ol class="calls">${a.toolCalls.map((c) => `<li><code>${htmlText(c)}</code></li>`).join('')}</ol>`;
  const feedback = a.feedback === '' ? '' : `<p>Scorer: ${htmlText(a.feedback)}</p>`;
  return `<td><p><strong>${htmlText(title)}</strong> (${htmlText(a.status)})</p><pre class="answer">${marked === '' ? '<span class="muted">(no answer)</span>' : marked}</pre>${calls}${feedback}</td>`;
}

function block(f: FlipRow): string {
  const e = f.evidence!;
  const diff = answerDiff(e.baseline?.answer ?? '', e.rc?.answer ?? '');
  const task = e.task === null ? '<p class="muted">The suite no longer holds this example.</p>' : `<pre>${htmlText(e.task)}</pre>`;
  const expected = e.expected === null ? '<p class="muted">No expected value (scored by rubric or script).</p>' : `<pre>${htmlText(e.expected)}</pre>`;
  const labels = f.labels.length === 0 ? '' : `<p>Critic's labels (baseline): ${htmlText(f.labels.join(', '))}</p>`;
  return (
    `<details class="evidence ${f.kind}"><summary>${htmlText(evidenceTitle(f))}</summary>` +
    `<h3>Task</h3>${task}<h3>Expected</h3>${expected}` +
    `<table class="side-by-side"><thead><tr><th scope="col">${sideWords.baseline}</th><th scope="col">${sideWords.rc}</th></tr></thead>` +
    `<tbody><tr>${side(sideWords.baseline, e.baseline, diff.baseline)}${side(sideWords.rc, e.rc, diff.rc)}</tr></tbody></table>${labels}</details>`
  );
}

/** Every confirmed and flaky flip with its evidence (no cap: the page is where all of it is). */
export function evidenceHtml(r: Report): string {
  const rows = evidenceRows(r);
  if (rows.length === 0) return '';
  return `<section aria-labelledby="h-evidence"><h2 id="h-evidence">Evidence</h2><p>Each flip (confirmed, flaky, or left unconfirmed because no rerun could change the decision), most severe first: the task, the expected value, and each version's answer side by side (words the release candidate dropped struck out, words it added underlined).</p>${rows.map(block).join('\n')}</section>`;
}
