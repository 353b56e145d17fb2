import { createTwoFilesPatch } from 'diff';
import type { SimFailureMode } from '../../../config/index.js';
import type { SimChatRequest } from '../types.js';
import type { CatalogueNeed } from './catalogue.js';
import type { WorldCore } from './core.js';
import { draw } from './draw.js';
import { rankedLabels, readRefusals, splitHistory, type Refusals } from './engineer-history.js';
import { carries } from './prompt.js';
import type { RoleFactory } from './roles.js';
import { contentText, normalise } from './text.js';

/**
 * The simulated engineer. It reads the request as a model would: the specification's
 * `Target:`, `Triggering tool:`, `Mentioned tool:` and `Triggering tag:` lines, the example ids the brief
 * mentions, and the editable files (`## File: <path>` and a fence). It picks the catalogue
 * need whose failure mode the target label names and proposes one sentence for a prompt file
 * as a real unified diff. Its effect on the agent is only the text it adds.
 */

/** The taxonomy label a critic gives each failure mode (taxonomy/v1.yaml). */
const labelOfMode: Record<SimFailureMode, string> = {
  'skip-tool': 'missing-required-step',
  'wrong-order': 'wrong-action-order',
  'bad-args': 'invalid-tool-arguments',
  'wrong-tool': 'wrong-tool',
  'bad-format': 'incorrect-output-format',
  'premature-stop': 'premature-termination',
  hallucinate: 'hallucinated-fact',
  'ignore-instruction': 'ignored-instruction',
  loop: 'looping',
  refuse: 'refusal',
};

/** Said when no need fits: harmless to every need, yet a prompt change (it re-rolls like any). */
const GENERIC = ['Read each request carefully before acting on it.', 'Check your work once before giving the final answer.', 'Keep every reply focused on the task at hand.'];

interface EditableText {
  path: string;
  text: string;
}

interface Brief {
  targets: string[];
  /** The lines of the refused candidates' section (empty without one); `text` leaves it out. */
  history: string[];
  /** Tools the specification names: the one called at the symptom, and the one the critic names. */
  tools: string[];
  tag: string | undefined;
  /** The request's text outside the file sections: the specification and exemplars. */
  text: string;
  files: EditableText[];
  retry: boolean;
}

export const simulatedEngineer: RoleFactory = (core) => (request) => {
  const brief = readBrief(request);
  const seed = request.seed ?? 0;
  const key = normalise(brief.text);
  const file = promptFile(brief.files);
  const prompt = normalise(brief.files.map((f) => f.text).join('\n'));
  const refusals = readRefusals(core.catalogue, brief.history, request);
  const choice = refusals.any ? chooseAfterRefusals(core, brief, prompt, refusals) : { need: chooseNeed(core, brief.targets, brief, prompt), label: undefined };
  const need = choice.need;
  // A refused broad rule is not written again: the need's precise rule instead.
  const broad = need?.broad && draw(core.params.seed, 'engineer-broad', seed, key) < core.params.broadRate && !refusals.broad.has(need);
  const rule = need ? (broad ? need.broad!.rule : need.rule) : genericSentence(prompt, seed, key, refusals.lines);
  const label = choice.label ?? brief.targets[0] ?? (need ? labelOfMode[need.mode] : 'other');
  const malformed = !brief.retry && draw(core.params.seed, 'engineer-malformed', seed, key) < core.params.malformedRate;
  const patch = file ? addRule(file, rule, malformed ? (draw(core.params.seed, 'engineer-fault', seed, key) < 0.5 ? 'hunk' : 'path') : undefined) : '';
  const intent = {
    targets: [label],
    summary: `Add the rule "${rule}" to ${file?.path ?? 'the prompt'}${need ? ` so the agent stops showing ${label}` : ''}.`,
    expectedFixes: need ? expectedFixes(core, need, brief.text) : [],
  };
  return { content: JSON.stringify({ patch, intent }), toolCalls: [], finishReason: 'stop' };
};

/**
 * With refused candidates in view: the need it would take without them, unless its precise
 * rule was refused; else another class of candidate: a need of the targets that the
 * specification's evidence points at (a mentioned example depends on it) and whose precise rule
 * was not refused; else a need of another symptom the specification ranks; else any need of
 * the targets not refused; else (undefined) a harmless sentence. The label it targets is the
 * need's own when it comes from another symptom.
 */
function chooseAfterRefusals(core: WorldCore, brief: Brief, prompt: string, refusals: Refusals): { need: CatalogueNeed | undefined; label: string | undefined } {
  const open = (need: CatalogueNeed) => !refusals.precise.has(need);
  const usual = chooseNeed(core, brief.targets, brief, prompt);
  if (usual && open(usual)) return { need: usual, label: undefined };
  const evidenced = chooseNeed(core, brief.targets, brief, prompt, { allow: open, minScore: 100 });
  if (evidenced) return { need: evidenced, label: undefined };
  const others = rankedLabels(brief.text).filter((label) => !brief.targets.includes(label));
  const other = chooseNeed(core, others, brief, prompt, { allow: open });
  if (other) return { need: other, label: labelOfMode[other.mode] };
  return { need: chooseNeed(core, brief.targets, brief, prompt, { allow: open }), label: undefined };
}

function readBrief(request: SimChatRequest): Brief {
  const users = request.messages.filter((m) => m.role === 'user').map((m) => contentText(m.content));
  const first = users[0] ?? '';
  const { files, rest: outside } = splitFiles(first);
  const { rest, history } = splitHistory(outside);
  const line = (name: string) => [...rest.matchAll(new RegExp(`^[\\s>*_-]*${name}[*_]*:[*_\\s]*\`?([^\`\\n]+?)\`?\\s*$`, 'gim'))].map((m) => (m[1] ?? '').trim());
  const targets = line('Target').flatMap((value) => value.split(/[,\s]+/)).filter((label) => /^[a-z][a-z0-9-]*$/.test(label));
  return {
    targets,
    history,
    tools: [line('Triggering tool')[0], line('Mentioned tool')[0]].filter((tool): tool is string => tool !== undefined && tool !== '(none)'),
    tag: line('Triggering tag')[0],
    text: rest,
    files,
    retry: request.messages.some((m) => m.role === 'assistant'),
  };
}

/** Cuts `## File: <path>` sections (a header, a fence, the text, the same fence) out of the message. */
function splitFiles(message: string): { files: EditableText[]; rest: string } {
  const lines = message.split('\n');
  const files: EditableText[] = [];
  const rest: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const header = /^## File: (.+?)(?: \((no newline at end of file|empty file)\))?$/.exec(lines[i] ?? '');
    const fence = lines[i + 1] ?? '';
    if (!header || !/^`{3,}$/.test(fence)) {
      rest.push(lines[i] ?? '');
      continue;
    }
    const end = lines.indexOf(fence, i + 2);
    if (end < 0) break;
    const body = lines.slice(i + 2, end).join('\n');
    const note = header[2];
    files.push({ path: header[1] ?? '', text: note === 'empty file' ? '' : note ? body : `${body}\n` });
    i = end;
  }
  return { files, rest: rest.join('\n') };
}

/** The file a rule goes in: a system prompt if one is editable, else the first prompt-like text file. */
function promptFile(files: readonly EditableText[]): EditableText | undefined {
  const textual = files.filter((f) => /\.(md|txt|prompt)$/i.test(f.path));
  return textual.find((f) => /system/i.test(f.path)) ?? textual[0] ?? files[0];
}

/** The best-scoring need of the first label that has one (not carried by the prompt, allowed, scoring at least minScore). */
function chooseNeed(core: WorldCore, labels: readonly string[], brief: Brief, prompt: string, only: { allow?: (need: CatalogueNeed) => boolean; minScore?: number } = {}): CatalogueNeed | undefined {
  const mentioned = core.catalogue.examples.filter((e) => mentions(brief.text, e.id));
  for (const label of labels) {
    let best: { need: CatalogueNeed; score: number } | undefined;
    for (const suite of core.catalogue.suites) {
      for (const need of suite.needs) {
        if (labelOfMode[need.mode] !== label || carries(prompt, need) || (only.allow && !only.allow(need))) continue;
        const shown = mentioned.filter((e) => e.needs.includes(need)).length;
        const tagged = brief.tag !== undefined && suite.examples.some((e) => e.tags.includes(brief.tag!) && e.needs.includes(need));
        const score = (shown > 0 ? 100 : 0) + shown + (need.tool !== undefined && brief.tools.includes(need.tool) ? 10 : 0) + (tagged ? 10 : 0);
        if (only.minScore !== undefined && score < only.minScore) continue;
        if (!best || score > best.score) best = { need, score };
      }
    }
    if (best) return best.need;
  }
  return undefined;
}

function expectedFixes(core: WorldCore, need: CatalogueNeed, text: string): string[] {
  return (core.catalogue.suite(need.suite)?.examples ?? []).filter((e) => e.needs.includes(need) && mentions(text, e.id)).map((e) => e.id);
}

/** Whether an id appears in the text as a whole word (ids hold letters, digits, - _ . / :). */
function mentions(text: string, id: string): boolean {
  let at = text.indexOf(id);
  while (at >= 0) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + id.length] ?? ' ';
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true;
    at = text.indexOf(id, at + 1);
  }
  return false;
}

/** One of the harmless sentences, preferring one the prompt lacks and no refused candidate added. */
function genericSentence(prompt: string, seed: number, key: string, refused: readonly string[]): string {
  const start = Math.floor(draw('engineer-generic', seed, key) * GENERIC.length);
  for (let i = 0; i < GENERIC.length; i += 1) {
    const sentence = GENERIC[(start + i) % GENERIC.length] as string;
    if (!prompt.includes(normalise(sentence)) && !refused.includes(normalise(sentence))) return sentence;
  }
  return GENERIC[start] as string;
}

/** A unified diff that appends the rule as the file's last line; a fault makes it malformed on purpose. */
function addRule(file: EditableText, rule: string, fault: 'hunk' | 'path' | undefined): string {
  const before = file.text;
  const after = `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${rule}\n`;
  const patch = createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, before, after, undefined, undefined, { context: 3 });
  if (!fault) return patch;
  // A hunk header that claims two lines more than the hunk holds, or a path out of the agent folder.
  const miscounted = patch.replace(/^@@ -(\d+),(\d+) \+(\d+),(\d+) @@/m, (_, a, b, c, d) => `@@ -${a},${Number(b) + 2} +${c},${Number(d) + 2} @@`);
  if (fault === 'hunk' && miscounted !== patch) return miscounted;
  return patch.replaceAll(`a/${file.path}`, `a/../${file.path}`).replaceAll(`b/${file.path}`, `b/../${file.path}`);
}
