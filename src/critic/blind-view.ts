import { taskText } from '../config/index.js';
import type { RunRecord, TraceEvent } from '../core/records.js';
import type { LoadedExample } from '../suite/types.js';
import { surfaceTrace, clipValue, type BlindStep } from './surface-trace.js';

/**
 * Everything the critic is shown of one episode, and nothing else: the task, the suite's
 * rubric, how the scorer judged it, the final output and the surface of the trace. It is
 * built field by field from a record and its example, never from the blueprint (this module
 * cannot even import it: test/critic/import-graph.test.ts), so no prompt text, agent.yaml,
 * agent code or candidate diff can reach a critic request.
 *
 * Nothing that differs between two runs of the same behaviour is in it (run id, repeat,
 * sample index, timings, usage), so the critic's reply for an unchanged episode replays
 * from the response cache.
 */
export interface BlindView {
  suite: string;
  exampleId: string;
  task: BlindTask;
  /** What a good answer does, in the suite's words (the example's own rubric, else the suite's). */
  rubric?: string;
  /** How the scorer judged the episode; absent when the critic is the scorer. */
  outcome?: { status: 'pass' | 'fail'; feedback: string };
  output: unknown;
  trace: BlindStep[];
  /** Steps left out of the middle of the trace to fit the critic's context window (fit-view.ts). */
  omittedSteps?: number;
}

export interface BlindTask {
  /** The task as the agent's user turn gave it. */
  text: string;
  /** The rest of the example's input (fields tools and scorers use, its messages), when it is an object. */
  fields?: Record<string, unknown>;
}

/** One episode as the critic may see it; `outcome` is left out while scoring. */
export interface EpisodeSurface {
  output: unknown;
  trace: readonly TraceEvent[];
  outcome?: { status: 'pass' | 'fail'; feedback: string };
}

export function blindView(example: LoadedExample, episode: EpisodeSurface, rubric: string | undefined): BlindView {
  return {
    suite: example.suite,
    exampleId: example.id,
    task: blindTask(example.input),
    ...(rubric === undefined ? {} : { rubric }),
    ...(episode.outcome ? { outcome: { status: episode.outcome.status, feedback: episode.outcome.feedback } } : {}),
    output: clipValue(episode.output),
    trace: surfaceTrace(episode.trace),
  };
}

/** The view of a pass or fail record (error records are never critiqued). */
export function blindViewOfRecord(record: RunRecord & { status: 'pass' | 'fail' }, example: LoadedExample, rubric: string | undefined): BlindView {
  return blindView(example, { output: record.output, trace: record.trace, outcome: { status: record.status, feedback: record.feedback } }, rubric);
}

function blindTask(input: LoadedExample['input']): BlindTask {
  const text = taskText(input);
  if (typeof input === 'string') return { text };
  const { prompt: _prompt, ...rest } = input;
  const fields = typeof input.prompt === 'string' ? rest : input;
  return Object.keys(fields).length > 0 ? { text, fields: clipValue(fields) as Record<string, unknown> } : { text };
}
