import type { TraceEvent } from '../core/records.js';
import { clip } from './clip.js';

/** One thing the agent visibly did or met, numbered by the model call it followed (the record's `step`). */
export type BlindStep =
  | { step: number; kind: 'assistant'; text: string; cut?: true }
  | { step: number; kind: 'call'; tool: string; arguments: unknown }
  | { step: number; kind: 'observation'; tool: string; content: string }
  | { step: number; kind: 'error'; message: string; code?: string };

/**
 * The surface of a trace: what the agent said and did, what its tools answered, and the
 * errors it met. Left out:
 * - the request summaries, usage, latency and cache flags of model calls (harness detail, and
 *   they differ between runs of the same behaviour, which would defeat the critic's cache);
 * - the `final` event: the output is given once, at the top of the view;
 * - `log` events. They are free text a command agent writes for its developers (a stdout line
 *   that was not its output, its stderr tail, its own log events): a stack trace there quotes
 *   the agent's source lines, and a debugging print can echo its prompt. That is the
 *   blueprint, which the critic must never see, and nothing in a log is behaviour the task
 *   can observe. Errors stay: they are what went wrong, in the harness's or the tool's words.
 */
export function surfaceTrace(events: readonly TraceEvent[]): BlindStep[] {
  const steps: BlindStep[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'llm_call': {
        const text = event.response.content ?? '';
        const cut = event.response.finishReason === 'length';
        if (text.trim() !== '' || cut) steps.push({ step: event.step, kind: 'assistant', text: clip(text), ...(cut ? { cut: true as const } : {}) });
        break;
      }
      case 'tool_call':
        steps.push({ step: event.step, kind: 'call', tool: event.name, arguments: clipValue(event.arguments) });
        break;
      case 'observation':
        steps.push({ step: event.step, kind: 'observation', tool: event.name, content: clip(event.content) });
        break;
      case 'error':
        steps.push({ step: event.step, kind: 'error', message: clip(event.message), ...(event.code === undefined ? {} : { code: event.code }) });
        break;
      case 'final':
      case 'log':
        break;
    }
  }
  return steps;
}

/** Tool arguments as the agent wrote them, long strings clipped (raw text when they were not JSON). */
export function clipValue(value: unknown, limit?: number): unknown {
  if (typeof value === 'string') return clip(value, limit);
  if (Array.isArray(value)) return value.map((item) => clipValue(item, limit));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipValue(v, limit)]));
  return value;
}
