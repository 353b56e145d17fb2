/**
 * The data every stage passes on: records of episodes and their traces. Types only, so that
 * the pure stages (gate, diagnosis, report) can share them without importing any I/O.
 */

export type RecordStatus = 'pass' | 'fail' | 'error';
export type Split = 'dev' | 'holdout';

export interface ToolCallRecord {
  name: string;
  /** Parsed arguments; the raw text when they were not valid JSON. */
  arguments: unknown;
}

export type TraceEvent =
  | {
      type: 'llm_call';
      step: number;
      /** A summary of the request, not the whole prompt: message count and the last message's role. */
      request: { messages: number; lastRole: string; tools: number };
      response: { content: string | null; toolCalls: Array<ToolCallRecord & { id: string }>; finishReason: string };
      usage: { promptTokens: number; completionTokens: number };
      cached: boolean;
      latencyMs: number;
      /** The server's own timings, when it reported them (llama.cpp `timings`): latency beyond them was waiting. */
      server?: { cachedTokens: number; promptMs: number; decodeMs: number; queueMs?: number };
    }
  | { type: 'tool_call'; step: number; id: string; name: string; arguments: unknown }
  | { type: 'observation'; step: number; toolCallId: string; name: string; content: string }
  | { type: 'error'; step: number; message: string; code?: string }
  | { type: 'final'; step: number; output: unknown }
  | { type: 'log'; step: number; message: string };

export interface RecordUsage {
  calls: number;
  cacheHits: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
}

/** One (example, repeat) of a run. */
export interface RunRecord {
  runId: string;
  suite: string;
  exampleId: string;
  /** 0-based repeat within the run. */
  repeat: number;
  /** The sample index sent to the model (distinct across repeats and across fresh runs). */
  sampleIndex: number;
  split: Split;
  tags: string[];
  status: RecordStatus;
  /** Why it failed or errored, in one line. */
  reason?: string;
  /** For `error` records: the registry code of the infrastructure fault. */
  errorCode?: string;
  output: unknown;
  score: number;
  feedback: string;
  trace: TraceEvent[];
  usage: RecordUsage;
  startedAt: string;
  durationMs: number;
}

export interface RunManifest {
  runId: string;
  agent: string;
  /** git-style tree hash of the blueprint files. */
  blueprintHash: string;
  suites: Array<{ name: string; hash: string; examples: number; repeats: number }>;
  model: {
    role: string;
    model: string;
    baseURL: string;
    sampling: Record<string, unknown>;
    simulated: boolean;
    /** Hash of the in-process simulated world's settings, when that is the endpoint (part of the run id). */
    world?: string;
  };
  seed: number;
  /** Repeat r of an example uses the sample index `sampleIndexFor(seed, sampleBase + r)` (src/run/sample-index.ts). */
  sampleBase: number;
  /** 1-based shard index of count. */
  shard?: { index: number; count: number };
  /** The example keys (`suite/id`, sorted) the run was restricted to (part of the run id); absent: every example. */
  examples?: string[];
  /** The critic role, when a suite is scored by it (`scorer: critic`; part of the run id). */
  critic?: { model: string; baseURL: string; sampling: Record<string, unknown>; simulated: boolean; world?: string };
  exampleCount: number;
  /** Example keys (`suite/id`) this run covers (after sharding): suites in run order, ids sorted within each, so shards merge to the same list. */
  exampleKeys: string[];
  recordCount: number;
  /** For a run made by `merge`: the shard run ids it was made from. */
  mergedFrom?: string[];
  createdAt: string;
  agentdevelVersion: string;
}
