import { execa } from 'execa';

/**
 * How firmly a child process is tied to agentdevel, strongest first:
 * - `pid-namespace`: the program is PID 1 of its own PID namespace (util-linux `unshare`), so
 *   when it exits, or is killed, the kernel kills everything it started, detached or `setsid`
 *   children included; `unshare` itself dies with agentdevel (`setpriv --pdeathsig`) and takes
 *   the namespace with it (`--kill-child`). Made without root through a user namespace when the
 *   kernel allows one.
 * - `parent-death`: only `setpriv --pdeathsig KILL`: the program dies with agentdevel, even
 *   under kill -9; what it starts in a session of its own can outlive it.
 * - `none`: neither tool works here; the process group is killed on timeout and at exit, which
 *   misses detached children and a kill -9 of agentdevel.
 */
export type Holding = 'pid-namespace' | 'parent-death' | 'none';
export const holdings: readonly Holding[] = ['pid-namespace', 'parent-death', 'none'];

export interface Wrapper {
  holding: Holding;
  /** Put before the program's path and arguments. */
  prefix: string[];
  /** The wrapper reports on fd 3 (bwrap's `--json-status-fd`) the program's exit code, which it writes only when it ran the program. */
  statusFd?: true;
}

const PARENT_DEATH = ['setpriv', '--pdeathsig', 'KILL', '--'];
const NAMESPACE = ['unshare', '--pid', '--fork', '--kill-child'];

const candidates: Wrapper[] = [
  { holding: 'pid-namespace', prefix: [...PARENT_DEATH, ...NAMESPACE, '--'] },
  // Without root: a user namespace first (util-linux 2.38 keeps the user's id; older ones map it to root).
  { holding: 'pid-namespace', prefix: [...PARENT_DEATH, 'unshare', '--user', '--map-current-user', ...NAMESPACE.slice(1), '--'] },
  { holding: 'pid-namespace', prefix: [...PARENT_DEATH, 'unshare', '--user', '--map-root-user', ...NAMESPACE.slice(1), '--'] },
  { holding: 'parent-death', prefix: PARENT_DEATH },
  { holding: 'none', prefix: [] },
];

const found = new Map<Holding, Promise<Wrapper>>();

/**
 * The strongest wrapper that works on this machine, no stronger than `atMost`, found once per
 * process by running `true` through each candidate.
 */
export function strongestWrapper(atMost: Holding = 'pid-namespace'): Promise<Wrapper> {
  let wrapper = found.get(atMost);
  if (!wrapper) {
    wrapper = probe(candidates.filter((c) => holdings.indexOf(c.holding) >= holdings.indexOf(atMost)));
    found.set(atMost, wrapper);
  }
  return wrapper;
}

async function probe(list: Wrapper[]): Promise<Wrapper> {
  for (const candidate of list) {
    const [file, ...args] = candidate.prefix;
    if (file === undefined) return candidate;
    const result = await execa(file, [...args, 'true'], { reject: false, timeout: 5_000, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' });
    if (result.exitCode === 0) return candidate;
  }
  return { holding: 'none', prefix: [] };
}

/** `AGENTDEVEL_HOLDING` lowers the holding (a sandbox that forbids namespaces, a test of the fallback); unknown values are ignored. */
export function holdingLimit(env: NodeJS.ProcessEnv): Holding {
  const asked = env.AGENTDEVEL_HOLDING;
  return holdings.find((h) => h === asked) ?? 'pid-namespace';
}

/** The weaker of two holdings. */
export function weakerHolding(a: Holding, b: Holding): Holding {
  return holdings.indexOf(a) >= holdings.indexOf(b) ? a : b;
}
