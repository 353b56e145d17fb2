import type { AnswerKind } from './answer-kind.js';
import { phrases } from './phrases.js';

/**
 * Damaged versions of correct content: the wrong fact, the broken program, the corrupted
 * argument, the right answer in the wrong format. Each is deterministic and always differs
 * from what it damages, so a failing episode never looks like a passing one.
 */

const FIRST_NUMBER = /\d+/;
const COMPARISON = / (<=|>=|<|>) /;
const ARITHMETIC = / ([+-]) /;
const BOOLEAN = /\b(true|false)\b/;
const FLIP: Record<string, string> = { '<=': '<', '<': '<=', '>=': '>', '>': '>=', '+': '-', '-': '+', true: 'false', false: 'true' };
const YES_NO: Record<string, string> = { yes: 'no', no: 'yes', true: 'false', false: 'true' };

/** A plausible wrong answer of the same kind: the annotated `wrong` when it differs from the answer, else a variant. */
export function wrongAnswer(answer: string | undefined, wrong: string | undefined, kind: AnswerKind): string {
  if (wrong !== undefined && wrong !== answer) return wrong;
  if (answer === undefined || answer.trim() === '') return 'Unknown.';
  if (kind === 'code') return brokenCode(answer);
  if (kind === 'json') return wrongJson(answer);
  return wrongText(answer);
}

/** A different fact: the first number moved by one, yes and no swapped, words reordered, or a misspelling. */
export function wrongText(answer: string): string {
  const number = FIRST_NUMBER.exec(answer);
  if (number) return answer.replace(FIRST_NUMBER, String(Number(number[0]) + 1));
  const swapped = YES_NO[answer.trim().toLowerCase()];
  if (swapped) return swapped;
  const words = answer.trim().split(' ');
  if (words.length > 1 && new Set(words).size > 1) return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
  return answer + answer.slice(-1);
}

function wrongJson(answer: string): string {
  const parsed: unknown = JSON.parse(answer);
  const changed = JSON.stringify(corruptValue(parsed));
  return changed === JSON.stringify(parsed) ? 'null' : changed;
}

/** A program that still parses but computes something else: a comparison, number, sign or boolean changed in the body. */
export function brokenCode(code: string): string {
  const open = code.indexOf('{');
  const head = open >= 0 ? code.slice(0, open + 1) : '';
  const body = open >= 0 ? code.slice(open + 1) : code;
  for (const pattern of [COMPARISON, FIRST_NUMBER, ARITHMETIC, BOOLEAN]) {
    const match = pattern.exec(body);
    if (!match) continue;
    const token = match[1] ?? match[0];
    const replacement = FLIP[token] ?? String(Number(token) + 1);
    return head + body.replace(pattern, match[0].replace(token, replacement));
  }
  return open >= 0 ? `${head}\n  return undefined;${body}` : `return undefined;\n${code}`;
}

/** The program's header with an unfinished body. */
export function stubCode(code: string): string {
  const open = code.indexOf('{');
  if (open < 0) return `${phrases.stubBody.trim()}\n`;
  return `${code.slice(0, open + 1)}\n${phrases.stubBody}\n}\n`;
}

/** Right content, wrong format: wrapped in chat prose, and in a markdown fence for code and JSON. */
export function badFormat(answer: string, kind: AnswerKind): string {
  if (kind === 'code') return `${phrases.codeLead}\n\n\`\`\`javascript\n${answer}\n\`\`\`\n\n${phrases.formatTail}`;
  if (kind === 'json') return `${phrases.formatLead}\n\n\`\`\`json\n${answer}\n\`\`\``;
  return `${phrases.formatLead} **${answer}**\n\n${phrases.formatTail}`;
}

/** The answer given while ignoring the instructions: the wrong content, with the admission. */
export function ownWayAnswer(wrong: string, kind: AnswerKind): string {
  return kind === 'code' ? `// ${phrases.ownWay}\n${wrong}` : `${wrong}\n\n${phrases.ownWay}`;
}

/** Arguments with one value changed, so the call no longer says what the task said. */
export function corruptArguments(args: Record<string, unknown>): Record<string, unknown> {
  const corrupted = corruptValue(args) as Record<string, unknown>;
  return JSON.stringify(corrupted) === JSON.stringify(args) ? { ...args, value: null } : corrupted;
}

/** Arguments written as no JSON parser accepts: single quotes, or cut short. */
export function malformedArguments(args: Record<string, unknown>): string {
  const json = JSON.stringify(args);
  const quoted = json.replaceAll('"', "'");
  return quoted === json ? json.slice(0, -1) : quoted;
}

/** The first value found depth-first, changed: a string shortened, a number moved, a boolean flipped, a list cut. */
function corruptValue(value: unknown): unknown {
  if (typeof value === 'string') return corruptString(value);
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return value.length > 0 ? value.slice(0, -1) : [null];
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const index = entries.findIndex(([, v]) => isCorruptible(v));
    if (index < 0) return value;
    return Object.fromEntries(entries.map(([k, v], i) => [k, i === index ? corruptValue(v) : v]));
  }
  return value;
}

function isCorruptible(value: unknown): boolean {
  if (value === null) return false;
  if (typeof value === 'object' && !Array.isArray(value)) return Object.values(value).some(isCorruptible);
  return true;
}

function corruptString(text: string): string {
  const trimmed = text.trim();
  const words = trimmed.split(' ');
  if (words.length > 1) return words.slice(0, -1).join(' ');
  return trimmed.length > 1 ? trimmed.slice(0, -1) : `${trimmed}x`;
}
