import type { CritiqueVerdict, Symptom } from '../core/critique.js';
import type { TraceEvent } from '../core/records.js';
import type { LoadedExample, ToolEnvironment } from '../suite/types.js';

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
  /**
   * Checks that an example carries what this scorer needs (its `expected` in the right shape);
   * returns the problem in one line, or undefined. Lets a suite be checked before any run.
   */
  check?(example: LoadedExample): string | undefined;
}

/** What a scorer may need from the suite it scores. */
export interface ScorerContext {
  /** Folder of the suite file: paths in the scorer config are relative to it. */
  suiteDir: string;
  /** The suite's tools, for scorers that check calls against their definitions. */
  tools?: ToolEnvironment;
  /** The suite's rubric, for the critic scorer when neither its config nor the example gives one. */
  rubric?: string;
  /** The blind critic, for the `critic` scorer (the run stage passes it; src/critic's criticJudge makes one). */
  critic?: CriticJudge;
}

export interface CriticJudgeInput {
  example: LoadedExample;
  output: unknown;
  trace: TraceEvent[];
  rubric: string | undefined;
  signal?: AbortSignal;
}

export interface CriticJudgement {
  verdict: CritiqueVerdict;
  symptoms: Symptom[];
  /** Why the verdict is `unlabelled`, when it is. */
  error?: string;
}

/** Asks the blind critic about an episode being scored. */
export type CriticJudge = (input: CriticJudgeInput) => Promise<CriticJudgement>;
