import type { CriticView } from './critic-view.js';
import type { Finding } from './critic-signs.js';

/** Sentences of the tool-calls scorer's feedback (src/scoring/tool-calls) a reader can go by. */
const COUNT = /expected (\d+) calls?, got (\d+)/;
const NONE_EXPECTED = /no tool call was expected, but \d+ (?:were|was) made/;
const WRONG_FUNCTION = /wrong function: called ([\w.-]+), expected ([\w.-]+)/g;
const BAD_ARGUMENT = /parameter [\w.-]+: .*? is not one of|missing required parameter [\w.-]+|unexpected parameter [\w.-]+|missing parameter [\w.-]+|arguments are not a JSON object/;

/**
 * What the scorer's feedback says went wrong with the calls: a call missing, one too many, the
 * right calls in another order, a wrong tool, or wrong arguments. Failing that, a failed
 * episode whose actions look right has an answer the scorer rejects: a fact it got wrong.
 */
export function feedbackFinding(view: CriticView): Finding | undefined {
  if (view.outcome?.status !== 'fail') return undefined;
  const feedback = view.outcome.feedback;
  const quote = (evidence: string, label: string, description: string): Finding => ({ label, description, evidence, step: null });
  const none = NONE_EXPECTED.exec(feedback);
  if (none) return quote(none[0], 'wrong-tool', 'The agent called a tool the task did not need.');
  const count = COUNT.exec(feedback);
  if (count && Number(count[2]) < Number(count[1])) return quote(count[0], 'missing-required-step', 'The agent left out a call the task needs.');
  if (count && Number(count[2]) > Number(count[1])) return quote(count[0], 'wrong-tool', 'The agent made a call the task did not need.');
  const wrong = [...feedback.matchAll(WRONG_FUNCTION)];
  if (wrong.length > 0) {
    const expected = new Set(wrong.map((m) => m[2]));
    const swapped = wrong.find((m) => expected.has(m[1]));
    if (swapped) return quote(swapped[0], 'wrong-action-order', 'The agent made the right calls in the wrong order.');
    return quote(wrong[0]![0], 'wrong-tool', `The agent called ${wrong[0]![1]} where ${wrong[0]![2]} was needed.`);
  }
  const argument = BAD_ARGUMENT.exec(feedback);
  if (argument) return quote(argument[0], 'invalid-tool-arguments', 'A tool was called with an argument the task does not support.');
  const answer = view.answer.trim();
  if (answer !== '') return { label: 'hallucinated-fact', description: 'The answer states something the task and the observations do not support.', evidence: firstLine(answer), step: view.answerStep };
  const line = firstLine(feedback);
  return line === '' ? undefined : quote(line, 'hallucinated-fact', 'The output is wrong although the actions look right.');
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > 160 ? line.slice(0, 160) : line;
}
