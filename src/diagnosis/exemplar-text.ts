import type { RunRecord, TraceEvent } from '../core/records.js';

/** Longest text of one field in an exemplar; the spec is read by people and by a model with a finite context. */
export const EXEMPLAR_FIELD_LIMIT = 400;

/**
 * The text on one line (line breaks shown as ⏎), clipped. One line per event keeps the
 * rendering compact, and means no line of an exemplar can pass for a line of the spec's
 * `Key: value` header.
 */
function clip(text: string, limit = EXEMPLAR_FIELD_LIMIT): string {
  const line = text.replace(/\r?\n/g, ' ⏎ ');
  return line.length > limit ? `${line.slice(0, limit)}… [${line.length - limit} more characters]` : line;
}

function inline(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  return clip(JSON.stringify(value) ?? 'undefined');
}

/**
 * The blind surface of a record as compact text, one line per thing the agent did or met:
 * tool calls, observations, what it said, errors, the final answer and the scorer's
 * feedback. Built from the record alone, so no blueprint text can reach it; `log` events are
 * left out because a command agent's logs can quote its own code or prompt, and model-call
 * summaries (tokens, latency, cache) are harness detail.
 */
export function renderExemplarTrace(record: RunRecord): string {
  const lines = [`${record.suite}/${record.exampleId} #${record.repeat} · ${record.status} · score ${record.score}${record.tags.length > 0 ? ` · tags: ${record.tags.join(', ')}` : ''}`];
  for (const event of record.trace) {
    const line = eventLine(event);
    if (line !== undefined) lines.push(line);
  }
  if (record.feedback) lines.push(`feedback: ${clip(record.feedback)}`);
  return lines.join('\n');
}

function eventLine(event: TraceEvent): string | undefined {
  switch (event.type) {
    case 'llm_call': {
      const text = event.response.content ?? '';
      const cut = event.response.finishReason === 'length' ? ' (cut at the token limit)' : '';
      return text.trim() === '' && !cut ? undefined : `step ${event.step} says: ${inline(text)}${cut}`;
    }
    case 'tool_call':
      return `step ${event.step} call ${event.name} ${inline(event.arguments)}`;
    case 'observation':
      return `step ${event.step} observation ${event.name}: ${inline(event.content)}`;
    case 'error':
      return `step ${event.step} error${event.code === undefined ? '' : ` ${event.code}`}: ${inline(event.message)}`;
    case 'final':
      return `final answer: ${inline(event.output)}`;
    case 'log':
      return undefined;
  }
}
