import type { TraceEvent } from '../../core/records.js';

/** A call the agent made, arguments parsed where they were JSON text. */
export interface GivenCall {
  name: string;
  arguments: unknown;
}

function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  if (value.trim() === '') return {};
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Accepts `{ name, arguments }` and the OpenAI wire shape `{ function: { name, arguments } }`. */
function toCall(entry: unknown): GivenCall | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  const record = entry as Record<string, unknown>;
  const inner = record.function !== null && typeof record.function === 'object' ? (record.function as Record<string, unknown>) : record;
  if (typeof inner.name !== 'string') return undefined;
  return { name: inner.name, arguments: parseArguments(inner.arguments ?? inner.args) };
}

/**
 * The calls an episode made: `toolCalls` of the output when the agent reported them, else the
 * tool_call events of the trace. Entries that are not calls are reported, not dropped silently.
 */
export function givenCalls(output: unknown, trace: readonly TraceEvent[], field = 'toolCalls'): { calls: GivenCall[]; malformed: number } {
  const listed = output !== null && typeof output === 'object' ? (output as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(listed)) {
    const calls = listed.map(toCall);
    return { calls: calls.filter((c): c is GivenCall => c !== undefined), malformed: calls.filter((c) => c === undefined).length };
  }
  const fromTrace = trace.filter((e): e is Extract<TraceEvent, { type: 'tool_call' }> => e.type === 'tool_call');
  return { calls: fromTrace.map((e) => ({ name: e.name, arguments: parseArguments(e.arguments) })), malformed: 0 };
}
