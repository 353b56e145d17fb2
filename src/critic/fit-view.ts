import type { BlindView } from './blind-view.js';
import { clip, FIELD_LIMIT } from './clip.js';
import { clipValue, type BlindStep } from './surface-trace.js';

/** The shortest a text field is clipped to before steps of the trace are left out. */
const FLOOR = 60;

/**
 * The view made to fit `maxChars` of JSON, for a critic whose context window is smaller than
 * the evidence: every text field clipped ever shorter (each cut says how much it left out),
 * then steps from the middle of the trace left out, counted in `omittedSteps` (the first and
 * last steps stay: how the episode began and how it ended). The same view when it fits.
 */
export function fitView(view: BlindView, maxChars: number): BlindView {
  if (size(view) <= maxChars) return view;
  let clipped = view;
  for (let limit = Math.floor(FIELD_LIMIT / 2); limit >= FLOOR; limit = Math.floor(limit / 2)) {
    clipped = clipFields(view, limit);
    if (size(clipped) <= maxChars) return clipped;
  }
  clipped = clipFields(view, FLOOR);
  const trace = [...clipped.trace];
  let omitted = 0;
  while (trace.length > 2 && size({ ...clipped, trace, omittedSteps: omitted }) > maxChars) {
    trace.splice(Math.floor(trace.length / 2), 1);
    omitted++;
  }
  return omitted === 0 ? clipped : { ...clipped, trace, omittedSteps: omitted };
}

function size(view: BlindView): number {
  return JSON.stringify(view).length;
}

function clipFields(view: BlindView, limit: number): BlindView {
  return {
    ...view,
    task: { text: clip(view.task.text, limit), ...(view.task.fields ? { fields: clipValue(view.task.fields, limit) as Record<string, unknown> } : {}) },
    ...(view.rubric === undefined ? {} : { rubric: clip(view.rubric, limit) }),
    ...(view.outcome ? { outcome: { ...view.outcome, feedback: clip(view.outcome.feedback, limit) } } : {}),
    output: clipValue(view.output, limit),
    trace: view.trace.map((step) => clipStep(step, limit)),
  };
}

function clipStep(step: BlindStep, limit: number): BlindStep {
  switch (step.kind) {
    case 'assistant':
      return { ...step, text: clip(step.text, limit) };
    case 'call':
      return { ...step, arguments: clipValue(step.arguments, limit) };
    case 'observation':
      return { ...step, content: clip(step.content, limit) };
    case 'error':
      return { ...step, message: clip(step.message, limit) };
  }
}
