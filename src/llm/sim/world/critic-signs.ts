import { phrases } from './phrases.js';
import type { CriticStep, CriticView } from './critic-view.js';

/** A symptom the simulated critic sees, with its quote from the view. */
export interface Finding {
  label: string;
  description: string;
  evidence: string;
  step: number | null;
}

/** Identical calls in a row that make a loop. */
const LOOP_RUN = 3;
const [NEXT_STEP_HEAD = '', NEXT_STEP_TAIL = ''] = phrases.nextStep('\u0000').split('\u0000');
const STEP_LIMIT = /step limit/i;
const FENCE = '```';

/**
 * What the trace and the answer show by themselves: the sentences and shapes an agent leaves
 * when it refuses, loops, stops early, ignores its instructions or gets the format wrong. The
 * first sign found is the finding; none is undefined.
 */
export function surfaceFinding(view: CriticView): Finding | undefined {
  const { answer, answerStep: step } = view;
  const at = (evidence: string, label: string, description: string, where = step): Finding => ({ label, description, evidence, step: where });
  if (answer.includes(phrases.refusal)) return at(phrases.refusal, 'refusal', 'The agent declined the task instead of doing it.');
  const loop = repeatedCall(view.trace);
  if (loop) return at(loop.quote, 'looping', `The agent called ${loop.tool} with the same arguments ${loop.times} times in a row.`, loop.step);
  const limit = view.trace.find((entry) => entry.kind === 'error' && STEP_LIMIT.test(entry.message ?? ''));
  if (limit) return at(limit.message!, 'looping', 'The agent ran into its step limit without finishing.', limit.step);
  if (repeatsLine(answer)) return at(phrases.loopLine, 'looping', 'The answer repeats the same line until it is cut off.');
  const announced = nextStepSentence(answer);
  if (announced) return at(announced, 'premature-termination', 'The agent announced a step it never took and stopped.');
  if (answer.trim().startsWith(phrases.unfinished.slice(0, 40))) return at(answer.trim(), 'premature-termination', 'The answer stops mid-sentence.');
  if (answer.includes(phrases.stubBody.trim())) return at(phrases.stubBody.trim(), 'premature-termination', 'The code is a stub with its body left to do.');
  if (answer.includes(phrases.ownWay)) return at(phrases.ownWay, 'ignored-instruction', 'The agent says it answered its own way rather than as instructed.');
  if (answer.startsWith(phrases.formatLead) || answer.startsWith(phrases.codeLead)) {
    return at(answer.startsWith(phrases.formatLead) ? phrases.formatLead : phrases.codeLead, 'incorrect-output-format', 'The answer wraps its content in chat prose instead of giving it in the required form.');
  }
  if (answer.includes(FENCE)) return at(FENCE, 'incorrect-output-format', 'The answer is wrapped in a markdown fence.');
  const unparsed = view.trace.find((entry) => entry.kind === 'call' && typeof entry.arguments === 'string');
  if (unparsed) return at(unparsed.arguments as string, 'incorrect-output-format', `The arguments of ${unparsed.tool} are not valid JSON.`, unparsed.step);
  return undefined;
}

function repeatedCall(trace: readonly CriticStep[]): { tool: string; quote: string; times: number; step: number } | undefined {
  let run = 0;
  let previous = '';
  for (const entry of trace) {
    if (entry.kind !== 'call') continue;
    const key = `${entry.tool}\u0000${JSON.stringify(entry.arguments)}`;
    run = key === previous ? run + 1 : 1;
    previous = key;
    if (run >= LOOP_RUN) return { tool: entry.tool ?? '', quote: JSON.stringify(entry.arguments) ?? entry.tool ?? '', times: run, step: entry.step };
  }
  return undefined;
}

function repeatsLine(answer: string): boolean {
  const lines = answer.split('\n').filter((line) => line.trim() !== '');
  return lines.length >= LOOP_RUN && new Set(lines).size === 1;
}

function nextStepSentence(answer: string): string | undefined {
  const start = answer.indexOf(NEXT_STEP_HEAD);
  if (start < 0) return undefined;
  const end = answer.indexOf(NEXT_STEP_TAIL, start);
  return end < 0 ? undefined : answer.slice(start, end + NEXT_STEP_TAIL.length);
}
