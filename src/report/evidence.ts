/**
 * The evidence a reviewer acts on, per flipped example: the task, the expected value, and one
 * record of each version (the one that shows the flip: for a P→F the baseline's pass and the
 * candidate's fail), reduced to its answer, tool calls and the scorer's feedback. Pure: the
 * caller reads the records and the suites.
 */
import { stableStringify } from '../core/hash.js';
import type { RunRecord } from '../core/records.js';
import { clip, visibleControls } from './escape.js';
import type { AnswerInput, EvidenceInput } from './input.js';

/** How much of each part the report keeps (report.json has these; Markdown clips further). */
export const EVIDENCE_CLIP = { task: 2_000, expected: 1_000, answer: 2_000, toolCall: 300, toolCalls: 20, feedback: 600 } as const;

/** Any value as text: strings as they are, anything else as stable JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return stableStringify(value);
}

const text = (value: unknown, max: number) => clip(visibleControls(valueText(value)), max);

/** One record reduced to what a reviewer reads. */
export function answerOf(record: Pick<RunRecord, 'status' | 'output' | 'trace' | 'feedback' | 'reason'>): AnswerInput {
  const calls = record.trace.filter((e) => e.type === 'tool_call');
  const toolCalls = calls.slice(0, EVIDENCE_CLIP.toolCalls).map((c) => text(`${c.name}(${valueText(c.arguments)})`, EVIDENCE_CLIP.toolCall));
  if (calls.length > toolCalls.length) toolCalls.push(`… and ${calls.length - toolCalls.length} more`);
  const feedback = record.feedback || record.reason || '';
  return { status: record.status, answer: text(answerPart(record.output), EVIDENCE_CLIP.answer), toolCalls, feedback: text(feedback, EVIDENCE_CLIP.feedback) };
}

/** A prompt agent's output is `{answer, toolCalls}` (its calls are shown from the trace): its answer alone; anything else as it is. */
function answerPart(output: unknown): unknown {
  if (typeof output === 'object' && output !== null && !Array.isArray(output)) {
    const { answer, toolCalls, ...rest } = output as Record<string, unknown>;
    if (typeof answer === 'string' && Object.keys(rest).length === 0 && (toolCalls === undefined || Array.isArray(toolCalls))) return answer;
  }
  return output ?? '';
}

/**
 * The record of a side that shows the flip: the first one with the status the side's verdict
 * had (pass on the baseline of a P→F, fail on its candidate), else its first record.
 */
export function representative<R extends Pick<RunRecord, 'status' | 'repeat'>>(records: readonly R[], wanted: 'pass' | 'fail'): R | undefined {
  const sorted = [...records].sort((a, b) => a.repeat - b.repeat);
  return sorted.find((r) => r.status === wanted) ?? sorted[0];
}

/** A flipped example's evidence from its suite example (when still there) and both sides' records. */
export function evidenceOf(
  example: { input: unknown; expected?: unknown; task: string } | undefined,
  direction: 'p2f' | 'f2p',
  records: { baseline: readonly RunRecord[]; candidate: readonly RunRecord[] },
): EvidenceInput {
  const before = representative(records.baseline, direction === 'p2f' ? 'pass' : 'fail');
  const after = representative(records.candidate, direction === 'p2f' ? 'fail' : 'pass');
  return {
    task: example ? text(example.task, EVIDENCE_CLIP.task) : null,
    expected: example && example.expected !== undefined ? text(example.expected, EVIDENCE_CLIP.expected) : null,
    baseline: before ? answerOf(before) : null,
    rc: after ? answerOf(after) : null,
  };
}
