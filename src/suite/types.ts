import type { Example, SuiteConfig, ToolDefinition } from '../config/index.js';
import type { Split } from '../core/records.js';

/** An example as the run stage sees it: validated, with its suite and split resolved. */
export interface LoadedExample extends Example {
  suite: string;
  split: Split;
}

/** Deterministic tools an agent may call while playing a suite. */
export interface ToolEnvironment {
  /** The function definitions offered for this example (the suite's, or the example's own). */
  definitions(example: LoadedExample): ToolDefinition[];
  /** false: calls are the answer and are not executed (function-calling benchmarks). */
  readonly execute: boolean;
  /** Runs a tool; throws a plain Error whose message becomes the observation of a failed call. */
  call(name: string, args: unknown, example: LoadedExample): Promise<unknown>;
}

export interface LoadedSuite {
  name: string;
  /** Absolute path of the suite file. */
  file: string;
  dir: string;
  /** Hash of the suite file and every data file it reads (examples, tools module, schemas). */
  hash: string;
  config: SuiteConfig;
  examples: LoadedExample[];
  tools: ToolEnvironment;
}
