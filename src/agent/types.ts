import type { AgentConfig } from '../config/index.js';
import type { RecordUsage, TraceEvent } from '../core/records.js';
import type { LoadedExample, ToolEnvironment } from '../suite/types.js';

/** The agent as files: agent.yaml plus its prompts and code, read from one folder. */
export interface Blueprint {
  name: string;
  /** Absolute path of the agent folder. */
  dir: string;
  config: AgentConfig;
  /** Every file under the folder, relative paths with forward slashes, sorted. */
  files: Array<{ path: string; content: Buffer }>;
  /** Hash of the tree (paths and contents); equal trees give equal hashes. */
  hash: string;
}

export interface EpisodeInput {
  example: LoadedExample;
  tools: ToolEnvironment;
  /** Sent to the model as the seed; distinct per repeat and per fresh run. */
  sampleIndex: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * How an episode ended. `completed`: the agent produced an output (scoring decides pass or
 * fail). `fail`: the agent's own failure (crash, non-JSON output, timeout, step limit).
 * `error`: a cause outside the agent (model endpoint unreachable after retries, harness fault).
 */
export type EpisodeOutcome =
  | { status: 'completed' }
  | { status: 'fail'; reason: string }
  | { status: 'error'; reason: string; code: string };

export interface EpisodeResult {
  output: unknown;
  trace: TraceEvent[];
  usage: RecordUsage;
  outcome: EpisodeOutcome;
}

export interface AgentRunner {
  runEpisode(input: EpisodeInput): Promise<EpisodeResult>;
  close(): Promise<void>;
}
