import type { SimChatRequest } from '../types.js';
import { contentText } from './text.js';

/**
 * What the simulated critic reads of a critique request: the blind view the pipeline sends
 * as the user message's JSON (src/critic/blind-view.ts), read by its field names only. The
 * world's own annotations are never consulted: the critic knows what a real one would.
 */
export interface CriticView {
  /** The scorer's judgement; absent when the critic is itself the scorer. */
  outcome: { status: string; feedback: string } | undefined;
  /** The final answer's text: `output.answer`, else the last thing the agent said. */
  answer: string;
  /** The step of the last thing the agent said, if it said anything. */
  answerStep: number | null;
  trace: CriticStep[];
  /** The user message as sent: the draws that make the critic's mistakes are seeded by it. */
  text: string;
}

export interface CriticStep {
  step: number;
  kind: string;
  tool?: string;
  arguments?: unknown;
  text?: string;
  message?: string;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The view of the request's last user message, or undefined when it holds none. */
export function readCriticView(request: SimChatRequest): CriticView | undefined {
  const user = [...request.messages].reverse().find((message) => message.role === 'user');
  if (!user) return undefined;
  const text = contentText(user.content);
  let view: unknown;
  try {
    view = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(view) || !Array.isArray(view.trace)) return undefined;
  const trace = view.trace.filter(isObject).map((entry): CriticStep => ({
    step: typeof entry.step === 'number' ? entry.step : 0,
    kind: typeof entry.kind === 'string' ? entry.kind : '',
    ...(typeof entry.tool === 'string' ? { tool: entry.tool } : {}),
    ...('arguments' in entry ? { arguments: entry.arguments } : {}),
    ...(typeof entry.text === 'string' ? { text: entry.text } : {}),
    ...(typeof entry.message === 'string' ? { message: entry.message } : {}),
  }));
  const outcome = isObject(view.outcome) && typeof view.outcome.status === 'string' ? { status: view.outcome.status, feedback: typeof view.outcome.feedback === 'string' ? view.outcome.feedback : '' } : undefined;
  const said = trace.filter((entry) => entry.kind === 'assistant' && entry.text !== undefined);
  const last = said[said.length - 1];
  const output = isObject(view.output) ? view.output.answer : view.output;
  const answer = typeof output === 'string' ? output : (last?.text ?? '');
  return { outcome, answer, answerStep: last?.step ?? null, trace, text };
}
