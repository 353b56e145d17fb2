import type { EpisodeClock } from '../episode-clock.js';
import type { EpisodeOutcome } from '../types.js';
import type { ProgramExit } from './process.js';
import type { StdoutReader } from './protocol.js';

/**
 * How a command agent's episode ended. Its own failures (no start, crash, non-zero exit, too
 * much output, timeout, no JSON object at the end) are `fail`; an interruption of the run, or
 * a sandbox that could not start it, or any failure after one of its model calls met a fault on
 * agentdevel's side, is `error`.
 */
export function judgeProgram(
  exit: ProgramExit,
  reader: StdoutReader,
  context: { clock: EpisodeClock; fault: { code: string; message: string } | undefined; program: string; stdoutLimitBytes: number },
): { output: unknown; outcome: EpisodeOutcome } {
  const final = exit.killed === 'stdout-limit' ? undefined : reader.result();
  const output = final?.ok ? final.output : null;
  if (context.clock.interrupted) return { output, outcome: { status: 'error', code: 'EINTERRUPTED', reason: 'interrupted before the episode finished' } };
  if (exit.wrapperFailure !== undefined) return { output, outcome: { status: 'error', code: 'ECONFINE_UNAVAILABLE', reason: `the sandbox (bwrap) could not start the program: ${exit.wrapperFailure}` } };
  const failure = failureOf(exit, final, context);
  if (failure === undefined) return { output, outcome: { status: 'completed' } };
  if (context.fault) {
    return { output, outcome: { status: 'error', code: context.fault.code, reason: `${context.fault.message} (the program then failed: ${failure})` } };
  }
  return { output, outcome: { status: 'fail', reason: failure } };
}

function failureOf(exit: ProgramExit, final: ReturnType<StdoutReader['result']> | undefined, context: { clock: EpisodeClock; program: string; stdoutLimitBytes: number }): string | undefined {
  if (exit.killed === 'stdout-limit') return `output too large: stdout over ${context.stdoutLimitBytes} bytes`;
  if (exit.killed === 'timeout') return `timeout (${context.clock.timeoutMs} ms)`;
  if (exit.spawnError !== undefined) return `could not start ${context.program}: ${exit.spawnError}`;
  if (exit.signal !== undefined) return `crashed: killed by ${exit.signal}`;
  if (exit.exitCode !== 0) return `exit code ${exit.exitCode ?? 'unknown'}`;
  if (final && !final.ok) return final.reason;
  return undefined;
}
