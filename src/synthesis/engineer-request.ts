import type { Blueprint, BlueprintFile } from '../agent/index.js';
import { clipText } from '../core/clip-text.js';
import type { ChatMessage } from '../llm/index.js';
import type { Exemplar, PatchReason } from './types.js';

/**
 * What the engineer model is shown: its task and the reply's rules (system), then the
 * specification, the exemplars and the editable files, each file in a fence longer than any
 * backtick run inside it so its text arrives exactly. Nothing else of the blueprint is sent.
 */

export const ENGINEER_INSTRUCTIONS = `You are the release engineer of an LLM agent. You improve the agent by changing its blueprint (its prompt files and, where allowed, its code) to fix the failures an engineering specification describes, without breaking the examples that pass today.

Reply with JSON holding exactly one change:
- "patch": one unified diff, as \`diff -u\` or \`git diff\` writes it. Paths are relative to the agent folder, written "--- a/<path>" and "+++ b/<path>" ("--- /dev/null" for a new file). Only the editable files listed in the request may change. No renames, no file-mode changes, no binary content. Each hunk header "@@ -start,count +start,count @@" must count its lines exactly, and every context and removed line must equal the file's line exactly.
- "intent": "targets" (the symptom labels of the specification the change addresses), "summary" (what the change does and why, in one or two sentences) and "expectedFixes" (ids of the examples expected to pass after it).

Make the smallest change that addresses the targeted symptom. Prefer a precise rule to a sweeping one: an over-broad rule fixes some failures and breaks examples that pass today, and the release gate rejects a candidate for any regression.`;

const NO_NEWLINE = ' (no newline at end of file)';
const EMPTY = ' (empty file)';

/** `history`: the refused candidates' section (renderRefusalHistory), placed before the files; none when empty. */
export function engineerMessages(input: { blueprint: Blueprint; editable: readonly BlueprintFile[]; spec: string; exemplars: readonly Exemplar[]; history?: string }): ChatMessage[] {
  const { blueprint, editable, spec, exemplars } = input;
  const parts = ['# Engineering specification', '', spec.trimEnd(), ''];
  // A specification usually quotes its exemplars already: each is shown once.
  const extra = exemplars.filter((exemplar) => !spec.includes(exemplar.text.trimEnd()));
  if (extra.length > 0) {
    parts.push('# Exemplars', '');
    for (const exemplar of extra) parts.push(`## ${exemplar.label}: ${exemplar.suite}/${exemplar.exampleId}`, '', exemplar.text.trimEnd(), '');
  }
  if (input.history) parts.push(input.history.trimEnd(), '');
  parts.push(`# Editable files of agent "${blueprint.name}" (kind: ${blueprint.config.kind})`, '');
  parts.push(`Paths are relative to the agent folder. Files that may change: ${blueprint.config.editable.map((g) => `\`${g}\``).join(', ')}.`, '');
  for (const file of editable) parts.push(...fileSection(file));
  return [
    { role: 'system', content: ENGINEER_INSTRUCTIONS },
    { role: 'user', content: parts.join('\n') },
  ];
}

function fileSection(file: BlueprintFile): string[] {
  const text = file.content.toString('utf8');
  if (file.content.includes(0) || !Buffer.from(text, 'utf8').equals(file.content)) return [`## File: ${file.path} (binary: not shown, cannot be patched)`, ''];
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  if (text === '') return [`## File: ${file.path}${EMPTY}`, fence, fence, ''];
  const ends = text.endsWith('\n');
  return [`## File: ${file.path}${ends ? '' : NO_NEWLINE}`, fence, ends ? text.slice(0, -1) : text, fence, ''];
}

/** Longest part of a refused reply, and of the reason, sent back: a retry must fit the context the first request fitted. */
export const ECHOED_REPLY_CHARS = 4_000;
export const ECHOED_REASON_CHARS = 1_000;

/** The engineer's reply (clipped) and the exact reason it was refused, so the next attempt can correct it. */
export function retryMessages(reply: string | null, reason: PatchReason, message: string, left: number): ChatMessage[] {
  return [
    { role: 'assistant', content: clipText(reply ?? '', ECHOED_REPLY_CHARS) },
    {
      role: 'user',
      content: `Your change was refused (EPATCH ${reason}): ${clipText(message, ECHOED_REASON_CHARS)}\nReturn a corrected change, again exactly one unified diff against the files as given above (they have not changed). Attempts left: ${left}.`,
    },
  ];
}
