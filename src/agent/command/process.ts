import { execa } from 'execa';
import type { Readable } from 'node:stream';
import { findExecutable, type Wrapper } from '../../core/process/index.js';

/** How a program run ended, with what it wrote. */
export interface ProgramExit {
  exitCode: number | undefined;
  signal: string | undefined;
  /** Why it could not be started (e.g. ENOENT), when it could not. */
  spawnError: string | undefined;
  /** Why agentdevel killed it, when it did. */
  killed: 'timeout' | 'interrupted' | 'stdout-limit' | undefined;
  /** The wrapper failed before it ran the program (a sandbox that could not be set up): what it said. */
  wrapperFailure: string | undefined;
  stderrTail: string;
}

export interface ProgramSpec {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  /** Aborting it kills the program; `reason` says why. */
  signal: AbortSignal;
  abortReason: () => 'timeout' | 'interrupted';
  stdoutLimitBytes: number;
  stderrTailBytes: number;
  /** Called with each complete stdout line as it arrives. */
  onLine: (line: string) => void;
  /** What the program runs inside (a PID namespace, a parent-death signal), from strongestWrapper. */
  wrapper: Wrapper;
}

// Process groups still alive, killed if agentdevel itself exits first (a detached group
// would otherwise outlive it).
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs a program in its own process group, inside its wrapper, with an explicit environment.
 * On timeout, interruption or too much output the whole group is killed; when the program
 * exits, whatever it left running in its group is killed too (and, in a PID namespace,
 * everything it started).
 */
export async function runProgram(spec: ProgramSpec): Promise<ProgramExit> {
  const found = await findExecutable(spec.file, spec.env, spec.cwd);
  if ('error' in found) return { exitCode: undefined, signal: undefined, spawnError: found.error, killed: undefined, wrapperFailure: undefined, stderrTail: '' };
  const [file = found.path, ...prefix] = spec.wrapper.prefix;
  const child = execa(file, spec.wrapper.prefix.length === 0 ? spec.args : [...prefix, found.path, ...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    extendEnv: false,
    input: spec.stdin,
    stdio: ['pipe', 'pipe', 'pipe', ...(spec.wrapper.statusFd ? (['pipe'] as const) : [])],
    buffer: false,
    detached: true,
    reject: false,
    stripFinalNewline: false,
  });
  let killed: ProgramExit['killed'];
  const kill = (why: NonNullable<ProgramExit['killed']>) => {
    killed ??= why;
    if (child.pid !== undefined) killGroup(child.pid);
  };
  if (child.pid !== undefined) liveGroups.add(child.pid);
  const onAbort = () => kill(spec.abortReason());
  if (spec.signal.aborted) onAbort();
  else spec.signal.addEventListener('abort', onAbort, { once: true });

  let stdoutBytes = 0;
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (killed === 'stdout-limit') return;
    stdoutBytes += Buffer.byteLength(chunk);
    if (stdoutBytes > spec.stdoutLimitBytes) return kill('stdout-limit');
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) spec.onLine(line.replace(/\r$/, ''));
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-spec.stderrTailBytes);
  });
  let status = '';
  const statusStream = spec.wrapper.statusFd ? (child.stdio[3] as unknown as Readable) : undefined;
  statusStream?.setEncoding('utf8');
  statusStream?.on('data', (chunk: string) => {
    status = (status + chunk).slice(-4096);
  });
  child.on('exit', () => {
    if (child.pid !== undefined) killGroup(child.pid);
  });

  const result = await child;
  spec.signal.removeEventListener('abort', onAbort);
  if (child.pid !== undefined) liveGroups.delete(child.pid);
  if (partial && killed !== 'stdout-limit') spec.onLine(partial.replace(/\r$/, ''));
  const spawnError = child.pid === undefined ? (result.code ?? result.shortMessage ?? 'could not start') : undefined;
  const wrapperFailed = spec.wrapper.statusFd && spawnError === undefined && killed === undefined && result.exitCode !== 0 && !status.includes('"exit-code"');
  const wrapperFailure = wrapperFailed ? stderr.trim().split('\n').at(-1) || `exit ${result.exitCode ?? result.signal}` : undefined;
  return { exitCode: result.exitCode, signal: result.signal, spawnError, killed, wrapperFailure, stderrTail: stderr };
}
