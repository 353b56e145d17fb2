import type { AgentRunner, EpisodeResult } from '../agent/types.js';
import { AgentdevelError, ExitCode } from '../core/errors.js';
import type { RecordUsage, RunRecord } from '../core/records.js';
import type { Scorer } from '../scoring/types.js';
import type { LoadedExample, LoadedSuite } from '../suite/types.js';
import type { Semaphore } from './pool.js';

/** Beyond its own timeout, how long an agent runner gets to wind down before the harness gives up on it. */
const RUNNER_GRACE_MS = 5_000;

export interface EpisodeContext {
  runId: string;
  runner: AgentRunner;
  /** Aborted when the whole run is interrupted: the episode then records nothing. */
  signal: AbortSignal;
  /** The controllers of the episodes in flight, which an interruption aborts (cheaper than a listener per episode). */
  live: Set<AbortController>;
  /** Beyond the episode's timeout, how long the runner gets to return (default 5 s). */
  graceMs?: number;
}

export interface SuiteContext {
  suite: LoadedSuite;
  scorer: Scorer;
  /** Set for CPU-bound scorers, whose processes are bounded by the cores. */
  cpu: Semaphore | undefined;
}

export interface EpisodeItem {
  suite: SuiteContext;
  example: LoadedExample;
  repeat: number;
  sampleIndex: number;
}

const noUsage: RecordUsage = { calls: 0, cacheHits: 0, retries: 0, promptTokens: 0, completionTokens: 0 };

/** An interruption of the run, not an outcome of the episode. */
export class EpisodeInterrupted extends Error {}

/** Plays one (example, repeat) and scores it: the record to journal. */
export async function playEpisode(ctx: EpisodeContext, item: EpisodeItem): Promise<RunRecord> {
  const startedAt = new Date();
  const timeoutMs = item.suite.suite.config.timeoutMs;
  const base = {
    runId: ctx.runId,
    suite: item.example.suite,
    exampleId: item.example.id,
    repeat: item.repeat,
    sampleIndex: item.sampleIndex,
    split: item.example.split,
    tags: item.example.tags,
    startedAt: startedAt.toISOString(),
  };
  const finish = (fields: Pick<RunRecord, 'status' | 'output' | 'score' | 'feedback' | 'trace' | 'usage'> & Partial<RunRecord>): RunRecord => ({
    ...base,
    ...fields,
    durationMs: Date.now() - startedAt.getTime(),
  });

  let result: EpisodeResult;
  try {
    result = await runGuarded(ctx, item, timeoutMs);
  } catch (error) {
    if (ctx.signal.aborted) throw new EpisodeInterrupted('run interrupted');
    // A configuration problem would fail every episode alike: stop the run and say so.
    if (error instanceof AgentdevelError && error.exitCode === ExitCode.badInput) throw error;
    const code = error instanceof AgentdevelError ? error.code : 'EHARNESS';
    const reason = `the agent runner threw: ${(error as Error).message ?? String(error)}`;
    return finish({ status: 'error', errorCode: code, reason, output: null, score: 0, feedback: reason, trace: [], usage: noUsage });
  }
  if (ctx.signal.aborted) throw new EpisodeInterrupted('run interrupted');

  const { output, trace, usage, outcome } = result;
  if (outcome.status === 'error') {
    return finish({ status: 'error', errorCode: outcome.code, reason: outcome.reason, output, score: 0, feedback: outcome.reason, trace, usage });
  }
  if (outcome.status === 'fail') {
    return finish({ status: 'fail', reason: outcome.reason, output, score: 0, feedback: `the agent failed: ${outcome.reason}`, trace, usage });
  }
  try {
    const score = () => item.suite.scorer.score({ example: item.example, output, trace, signal: ctx.signal });
    const verdict = await (item.suite.cpu ? item.suite.cpu.use(score) : score());
    return finish({
      status: verdict.pass ? 'pass' : 'fail',
      ...(verdict.pass ? {} : { reason: firstLine(verdict.feedback) }),
      output,
      score: verdict.score,
      feedback: verdict.feedback,
      trace,
      usage,
    });
  } catch (error) {
    if (ctx.signal.aborted) throw new EpisodeInterrupted('run interrupted');
    // Not the agent's doing, so never a fail; and only this example's, so the run goes on.
    const code = error instanceof AgentdevelError ? error.code : 'EHARNESS';
    const cannot = error instanceof AgentdevelError && error.code === 'ESCORER';
    const reason = cannot ? `the scorer ${(error as Error).message}` : `the scorer crashed: ${(error as Error).message ?? String(error)}`;
    return finish({ status: 'error', errorCode: code, reason, output, score: 0, feedback: reason, trace, usage });
  }
}

/**
 * Runs the episode with the runner's own timeout, and a harness guard beyond it: a runner that
 * does not return within its timeout plus a grace period is a fault of the harness, not of the
 * agent, and becomes an error record.
 */
async function runGuarded(ctx: EpisodeContext, item: EpisodeItem, timeoutMs: number): Promise<EpisodeResult> {
  const controller = new AbortController();
  if (ctx.signal.aborted) controller.abort(ctx.signal.reason);
  ctx.live.add(controller);
  const limitMs = timeoutMs + (ctx.graceMs ?? RUNNER_GRACE_MS);
  // One promise settled by whichever comes first, the runner or the guard (cheaper than Promise.race over a guard promise).
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<EpisodeResult>((resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error('episode guard'));
        reject(new AgentdevelError('EHARNESS', `the agent runner did not stop within ${limitMs} ms (its timeout is ${timeoutMs} ms)`));
      }, limitMs);
      ctx.runner.runEpisode({ example: item.example, tools: item.suite.suite.tools, sampleIndex: item.sampleIndex, timeoutMs, signal: controller.signal }).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    ctx.live.delete(controller);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
