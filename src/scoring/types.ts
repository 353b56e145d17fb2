import type { TraceEvent } from '../core/records.js';
import type { LoadedExample } from '../suite/types.js';

export interface ScoreInput {
  example: LoadedExample;
  /**
   * The agent's final output. Prompt agents give `{ answer: string | null, toolCalls: [{ name, arguments }] }`;
   * command agents give any JSON object (by convention with `answer` and optionally `toolCalls`).
   */
  output: unknown;
  trace: TraceEvent[];
  signal?: AbortSignal;
}

export interface ScoreResult {
  pass: boolean;
  /** 0..1 */
  score: number;
  /** Plain text a critic can read: what was expected and what was wrong. */
  feedback: string;
}

export interface Scorer {
  score(input: ScoreInput): Promise<ScoreResult>;
}
