import { execa } from 'execa';
import { tmpdir } from 'node:os';
import { fail } from '../errors.js';
import { findExecutable } from './executable.js';

/** What a confined program may see of the file system; every path absolute. */
export interface FileView {
  /** Bound read-write at the same path (the episode's working folder). */
  writable: string[];
  /** Bound read-only at the same path, even inside a hidden place (the blueprint snapshot, PATH entries). */
  readable: string[];
  /** Replaced by an empty read-only folder (the project, the store, HOME, the temp root). */
  hidden: string[];
  cwd: string;
}

/**
 * Tied to agentdevel like the `pid-namespace` holding: the program runs in a PID namespace of
 * its own (everything it starts dies with it), bwrap dies with agentdevel (parent-death signal),
 * and a new session keeps it off any terminal. The network is shared: the agent must reach the
 * recording proxy on loopback.
 */
const HOLD = ['--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--new-session'];
// Run as root, bwrap keeps the capabilities, with which the program could unmount the masks.
const NO_CAPABILITIES = ['--cap-drop', 'ALL'];
const SYSTEM = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];

/** bwrap's arguments (after its path, before the program) for a view; with `statusFd`, it reports on fd 3. */
export function bubblewrapArgs(view: FileView, options: { statusFd?: boolean } = {}): string[] {
  const args = [...(options.statusFd ? ['--json-status-fd', '3'] : []), ...HOLD, ...NO_CAPABILITIES, ...SYSTEM];
  // Masks first, then the binds inside them (bwrap makes their mount points in the empty folder),
  // then the masks are made read-only without touching the binds mounted on them.
  for (const dir of view.hidden) args.push('--tmpfs', dir);
  for (const dir of view.readable) args.push('--ro-bind', dir, dir);
  for (const dir of view.writable) args.push('--bind', dir, dir);
  for (const dir of view.hidden) args.push('--remount-ro', dir);
  args.push('--chdir', view.cwd, '--');
  return args;
}

const probes = new Map<string, Promise<string[]>>();
// bwrap sets its own parent-death signal only after it has made the namespaces: killed in that
// window, agentdevel would leave it (and the program) running. setpriv sets it before bwrap starts.
const PARENT_DEATH = ['setpriv', '--pdeathsig', 'KILL', '--'];

/**
 * The command that starts a bwrap able to make a sandbox here (its path, behind setpriv where
 * that works), found once per process (per name): the name in `AGENTDEVEL_BWRAP` or `bwrap` on
 * PATH, tried on `true` inside a view like an episode's. ECONFINE_UNAVAILABLE when it is missing
 * or cannot start one (a kernel or container that forbids user namespaces): confinement asked
 * for is never dropped silently.
 */
export function findBubblewrap(env: NodeJS.ProcessEnv, why: string): Promise<string[]> {
  const name = env.AGENTDEVEL_BWRAP || 'bwrap';
  let probe = probes.get(name);
  if (!probe) {
    probe = probeBubblewrap(name, env);
    probes.set(name, probe);
  }
  return probe.catch((error: unknown) => fail('ECONFINE_UNAVAILABLE', `${why}, but ${(error as Error).message}`));
}

async function probeBubblewrap(name: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const found = await findExecutable(name, env, process.cwd());
  if ('error' in found) {
    throw new Error(name.includes('/') ? `${name} (AGENTDEVEL_BWRAP) is not an executable file` : `bubblewrap (\`${name}\`) is not installed: it is not on PATH`);
  }
  const probe = [...bubblewrapArgs({ writable: [], readable: [], hidden: [tmpdir()], cwd: '/' }), 'true'];
  const run = (file: string, args: string[]) => execa(file, args, { reject: false, timeout: 10_000, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' });
  const alone = await run(found.path, probe);
  if (alone.exitCode !== 0) {
    const said = String(alone.stderr ?? '').trim().split('\n')[0] || (alone.timedOut ? 'timed out' : `exit ${alone.exitCode ?? alone.signal}`);
    throw new Error(`${found.path} cannot start a sandbox here: ${said}`);
  }
  const [setpriv, ...pdeathsig] = PARENT_DEATH as [string, ...string[]];
  const held = await run(setpriv, [...pdeathsig, found.path, ...probe]);
  return held.exitCode === 0 ? [...PARENT_DEATH, found.path] : [found.path];
}
