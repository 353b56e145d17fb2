import type { RunRecord, TraceEvent } from '../../core/records.js';

export const NO_TOOL = '(no tool call)';
export const NO_STEP = '(no step)';

const ONLY_NO_STEP: readonly string[] = [NO_STEP];
const ONLY_NO_TOOL: readonly string[] = [NO_TOOL];

type ToolCallEvent = Extract<TraceEvent, { type: 'tool_call' }>;

/** What the patterns need of a trace, from one walk over it: its tool calls, the tools called (each once), the last step. */
export interface TraceSummary {
  calls: ToolCallEvent[];
  tools: string[];
  lastStep: number;
}

export function summariseTrace(record: RunRecord): TraceSummary {
  const calls: ToolCallEvent[] = [];
  const tools: string[] = [];
  let lastStep = 0;
  const trace = record.trace;
  for (let i = 0; i < trace.length; i++) {
    const event = trace[i]!;
    if (event.step > lastStep) lastStep = event.step;
    if (event.type === 'tool_call') {
      calls.push(event);
      if (!tools.includes(event.name)) tools.push(event.name);
    }
  }
  return { calls, tools, lastStep };
}

/** The tools called at the step, else at the nearest step that has calls (the earlier on a tie). */
export function toolsNear(trace: TraceSummary, step: number | null): readonly string[] {
  if (step === null) return ONLY_NO_STEP;
  if (trace.calls.length === 0) return ONLY_NO_TOOL;
  let best = Infinity;
  let bestStep = 0;
  for (const call of trace.calls) {
    const distance = Math.abs(call.step - step);
    if (distance < best || (distance === best && call.step < bestStep)) {
      best = distance;
      bestStep = call.step;
    }
  }
  const names: string[] = [];
  for (const call of trace.calls) if (call.step === bestStep && !names.includes(call.name)) names.push(call.name);
  return names;
}

/** Where in the episode a step falls: first, middle, last, only (a one-step episode) or none. */
export function positionOf(step: number | null, lastStep: number): string {
  if (step === null) return 'none';
  if (lastStep <= 1) return 'only';
  if (step <= 1) return 'first';
  if (step >= lastStep) return 'last';
  return 'middle';
}

const isNameChar = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 46 || code === 45; // a-z A-Z 0-9 _ . -
const isNameStart = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;

/**
 * Names of three or more characters written right before `(`, as a call: `lookup_order(…`.
 * Not part of a regex escape (`\b4(`) or a path (`a/b(`). A scan back from each `(`, which is
 * much cheaper than a regular expression with a look-behind on long feedback.
 */
export function callNamesIn(text: string, names: string[] = []): string[] {
  if (!text.includes('(')) return names;
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    let start = open;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    if (open - start < 3 || !isNameStart(text.charCodeAt(start))) continue;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    if (before === 92 || before === 47) continue; // \ or /
    names.push(text.slice(start, open));
  }
  return names;
}

const isWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
const isLetter = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

/** snake_case names (`lookup_order`): a word with an inner underscore, starting with a letter, not inside a dotted or dashed name. */
export function snakeNamesIn(text: string, names: string[] = []): string[] {
  for (let at = text.indexOf('_'); at >= 0; ) {
    let start = at;
    let end = at;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < text.length ? text.charCodeAt(end) : 32;
    const word = text.slice(start, end);
    if (isLetter(word.charCodeAt(0)) && !word.endsWith('_') && !word.includes('__') && before !== 46 && before !== 45 && after !== 45) names.push(word);
    at = text.indexOf('_', end);
  }
  return names;
}

/**
 * The names in a text that may be tools, without splitting it into every word: names written
 * as a call (`name(`), snake_case names (the usual way to name a function tool), and the tools
 * the record itself called, where the text contains them. Depends only on the text and its
 * record, so counting them does not depend on the order records come in; which of them really
 * are tools is decided at the end (see isTool in triggering-patterns). Adds to `found`, once each.
 */
export function toolNamesIn(text: string, recordTools: readonly string[], callNames: Set<string>, found: string[] = []): string[] {
  // Names are appended to `found` as scanned, then the repeats dropped: no list per text.
  const calls = found.length;
  callNamesIn(text, found);
  for (let i = calls; i < found.length; i++) callNames.add(found[i]!);
  dropRepeats(found, calls);
  if (text.includes('_')) {
    const snakes = found.length;
    snakeNamesIn(text, found);
    dropRepeats(found, snakes);
  }
  for (const tool of recordTools) if (!found.includes(tool) && containsWord(text, tool)) found.push(tool);
  return found;
}

/** Removes from `names[from...]` each name already before it, keeping the first of each, in order. */
function dropRepeats(names: string[], from: number): void {
  let kept = from;
  for (let i = from; i < names.length; i++) {
    const name = names[i]!;
    let seen = false;
    for (let j = 0; j < kept; j++) {
      if (names[j] === name) {
        seen = true;
        break;
      }
    }
    if (!seen) names[kept++] = name;
  }
  while (names.length > kept) names.pop();
}

/** `\w` or `-`, as the regular expression `[\w-]` reads one UTF-16 unit. */
const isWordOrDash = (code: number) => isWordChar(code) || code === 45;

/** The word in the text, not as part of a longer one (`search` is not in `research`). */
function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || !isWordOrDash(text.charCodeAt(at - 1))) && (end >= text.length || !isWordOrDash(text.charCodeAt(end)))) return true;
  }
  return false;
}
