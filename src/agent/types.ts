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
  files: BlueprintFile[];
  /**
   * Hash of the tree (paths, executable bits and contents); equal trees give equal hashes. It is
   * git's tree id of the folder, so it equals `git rev-parse HEAD:agents/<name>` when the folder
   * holds exactly the committed files.
   */
  hash: string;
}

export interface BlueprintFile {
  path: string;
  content: Buffer;
  /** The owner's execute bit (mode 100755 in git); absent means false. */
  executable?: boolean;
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

/** Settings of a runner; every one has a documented default. */
export interface AgentRunnerOptions {
  /** Longest tool observation kept in the trace and shown to the model, in characters (default 16,000). */
  observationLimit?: number;
  /** Command agents: most bytes read from stdout before the program is killed (default 8 MiB). */
  stdoutLimitBytes?: number;
  /** Command agents: bytes of stderr kept (the tail) for the trace (default 8 KiB). */
  stderrTailBytes?: number;
  /** Command agents: where episode working folders and the blueprint snapshot go (default the OS temp dir). */
  tempRoot?: string;
  /** Command agents: the environment the names in `env:` are read from (default process.env). */
  parentEnv?: NodeJS.ProcessEnv;
  /** Command agents under `confine: files`: folders they must not see besides HOME and the temp root (the project, the store). */
  hidden?: readonly string[];
}

export interface AgentRunner {
  /** Refuses, before any episode, what would fail every one of them (confinement asked for where bwrap cannot run). */
  preflight?(): Promise<void>;
  runEpisode(input: EpisodeInput): Promise<EpisodeResult>;
  close(): Promise<void>;
}
