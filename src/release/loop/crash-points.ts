import type { ProgressSink } from '../../run/index.js';

/**
 * Crash points of the release loop, for the crash-recovery tests (as src/release/fault.ts for
 * promotion): with AGENTDEVEL_KILL_AT=<point>[@<iteration>][:<records>] the process kills
 * itself with SIGKILL there, as a power cut or `kill -9` would, leaving no chance to clean up.
 * Points at a run (`baseline-run`, `candidate-run`, `gate-reruns`, `holdout-run`) fire once the
 * run has journaled <records> new records in this process (default 1).
 */
export type LoopCrashPoint = 'after-begin' | 'after-critique' | 'after-diagnose' | 'after-synthesize' | 'after-gate' | 'after-report' | 'after-record';
export type RunCrashPoint = 'baseline-run' | 'candidate-run' | 'gate-reruns' | 'holdout-run';

interface Armed {
  point: string;
  iteration: number | undefined;
  records: number;
}

function armed(): Armed | undefined {
  const match = /^([a-z-]+)(?:@(\d+))?(?::(\d+))?$/.exec(process.env.AGENTDEVEL_KILL_AT ?? '');
  if (!match) return undefined;
  return { point: match[1]!, iteration: match[2] === undefined ? undefined : Number(match[2]), records: match[3] === undefined ? 1 : Number(match[3]) };
}

function hits(point: string, n: number): Armed | undefined {
  const a = armed();
  return a && a.point === point && (a.iteration === undefined || a.iteration === n) ? a : undefined;
}

function die(): void {
  process.kill(process.pid, 'SIGKILL');
}

export function crashPoint(point: LoopCrashPoint, n: number): void {
  if (hits(point, n)) die();
}

/** The run's progress sink, killing the process once the run has journaled the armed number of records. */
export function crashingProgress(point: RunCrashPoint, n: number, sink: ProgressSink): ProgressSink {
  const a = hits(point, n);
  if (!a) return sink;
  let written = 0;
  return {
    start: (info) => sink.start(info),
    record(status, tokens) {
      sink.record(status, tokens);
      // The record is on disk once the sink hears of it (the writer awaited its fsync).
      if (++written >= a.records) die();
    },
    stop: () => sink.stop(),
  };
}
