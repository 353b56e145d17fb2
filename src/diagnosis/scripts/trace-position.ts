import type { Case } from '../case.js';

export const NO_TOOL = '(no tool call)';
export const NO_STEP = '(no step)';

/** The tools called at the step, else at the nearest step that has calls (the earlier on a tie). */
export function toolsNear(c: Case, step: number | null): string[] {
  if (step === null) return [NO_STEP];
  if (c.toolCalls.length === 0) return [NO_TOOL];
  let best = Infinity;
  let bestStep = 0;
  for (const call of c.toolCalls) {
    const distance = Math.abs(call.step - step);
    if (distance < best || (distance === best && call.step < bestStep)) {
      best = distance;
      bestStep = call.step;
    }
  }
  const names = new Set<string>();
  for (const call of c.toolCalls) if (call.step === bestStep) names.add(call.name);
  return [...names];
}

/** Where in the episode a step falls: first, middle, last, only (a one-step episode) or none. */
export function positionOf(step: number | null, lastStep: number): string {
  if (step === null) return 'none';
  if (lastStep <= 1) return 'only';
  if (step <= 1) return 'first';
  if (step >= lastStep) return 'last';
  return 'middle';
}

export function lastStepOf(c: Case): number {
  let last = 0;
  for (const event of c.record.trace) if (event.step > last) last = event.step;
  return last;
}

const WORD = /[A-Za-z_][\w.-]*/g;
// A name of three or more characters right before `(`, not part of a regex escape (`\b4(`) or a path.
const CALL = /(?<![\\\w/.-])([A-Za-z_][\w.-]{2,})\(/g;

/** The distinct word-like tokens of a text (tool names among them). */
export function tokensOf(text: string): Set<string> {
  return new Set(text.match(WORD) ?? []);
}

/** Names written as calls, `name(`: how feedback and evidence name a tool, even one never called. */
export function addCallNames(text: string, into: Set<string>): void {
  if (!text.includes('(')) return;
  for (const match of text.matchAll(CALL)) into.add(match[1]!);
}
