import { execa } from 'execa';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunLimits {
  timeoutMs: number;
  memoryMb: number;
  /** Cap on stdout and stderr together; beyond it the program is killed. */
  maxOutputBytes: number;
  /** Node's permission model: no child processes or workers, files only in the program's folder. */
  sandbox: boolean;
  signal?: AbortSignal;
  /** A file the program writes in its folder as its last statement; its absence after exit 0 means the tests never ran to the end. */
  endMarker?: string;
}

export interface RunOutcome {
  exitCode: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputCapped: boolean;
  canceled: boolean;
  /** Whether the program wrote its end marker (undefined when none was asked for). */
  reachedEnd?: boolean;
}

/** Process groups of programs still running, killed if this process exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) killGroup(pid);
  });
}

/**
 * Node's permission model confined to the program's folder (a folder path grants what is
 * inside it). The flag lost its "experimental" prefix in Node 22.13 and 23.5; the warning
 * Node 20 prints for it would otherwise fail HumanEval-X's empty-stderr rule.
 */
function permissionFlags(dir: string): string[] {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return [stable ? '--permission' : '--experimental-permission', `--allow-fs-read=${dir}`, `--allow-fs-write=${dir}`, '--disable-warning=ExperimentalWarning'];
}

/**
 * Runs a CommonJS program in a child `node`: a fresh temp folder as its cwd, nothing from our
 * environment but PATH, a heap cap, a timeout, capped output. The child leads its own process
 * group, and the whole group is killed when the program ends, so nothing it started survives.
 */
export async function runNodeProgram(code: string, limits: RunLimits): Promise<RunOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'agentdevel-code-'));
  const file = join(dir, 'program.cjs');
  installExitHook();
  try {
    await writeFile(file, code);
    const sandbox = limits.sandbox ? permissionFlags(dir) : [];
    const subprocess = execa(process.execPath, [`--max-old-space-size=${limits.memoryMb}`, ...sandbox, file], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      extendEnv: false,
      stdin: 'ignore',
      detached: true,
      timeout: limits.timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: limits.maxOutputBytes,
      stripFinalNewline: false,
      reject: false,
      ...(limits.signal ? { cancelSignal: limits.signal } : {}),
    });
    const pid = subprocess.pid;
    if (pid !== undefined) liveGroups.add(pid);
    // Kill the group the moment the output passes the cap: a program blocked writing to a
    // full pipe would otherwise linger until the timeout.
    let printed = 0;
    const count = (chunk: Buffer | string) => {
      printed += chunk.length;
      if (printed > limits.maxOutputBytes && pid !== undefined) killGroup(pid);
    };
    subprocess.stdout?.on('data', count);
    subprocess.stderr?.on('data', count);
    const result = await subprocess;
    if (pid !== undefined) {
      killGroup(pid);
      liveGroups.delete(pid);
    }
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      timedOut: result.timedOut,
      outputCapped: result.isMaxBuffer || printed > limits.maxOutputBytes,
      canceled: result.isCanceled,
      ...(limits.endMarker === undefined ? {} : { reachedEnd: await access(join(dir, limits.endMarker)).then(() => true, () => false) }),
    };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
