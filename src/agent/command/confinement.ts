import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, relative } from 'node:path';
import { bubblewrapArgs, type FileView, type Wrapper } from '../../core/process/index.js';

export interface ConfinedEpisode {
  /** The command that starts bwrap, from findBubblewrap. */
  bwrap: readonly string[];
  workDir: string;
  agentDir: string;
  /** The runner's temp root: other runners' and episodes' folders are there. */
  tempRoot: string;
  /** Also hidden: the project and the store (AgentRunnerOptions.hidden). */
  hidden: readonly string[];
  /** The program as agent.yaml names it (after `./` was resolved), and the PATH it is looked up on. */
  program: string;
  /** agentdevel's own: HOME and XDG_RUNTIME_DIR (its ssh, gpg and keyring agents' sockets) are hidden. */
  env: { PATH?: string | undefined; HOME?: string | undefined; XDG_RUNTIME_DIR?: string | undefined };
}

/**
 * The bwrap wrapper of one episode (`confine: files`): the whole system read-only, the project,
 * the store, HOME, the user's runtime folder and the temp root replaced by empty read-only folders, the episode's working
 * folder writable and the blueprint snapshot readable. A program installed inside a hidden place
 * (nvm under HOME, a virtualenv in the project) still runs: the PATH entries there are bound
 * read-only, with their prefix when the entry is a `bin` folder whose parent holds no hidden place.
 */
export async function confinedWrapper(episode: ConfinedEpisode): Promise<Wrapper> {
  const hidden = outermost(await existingDirs(['/'], [...episode.hidden, episode.env.HOME ?? '', homedir(), episode.env.XDG_RUNTIME_DIR ?? '', episode.tempRoot]));
  const within = (path: string) => hidden.some((place) => inside(path, place));
  const readable = new Set<string>([episode.agentDir]);
  const pathDirs = await existingDirs(hidden, (episode.env.PATH ?? '').split(delimiter));
  for (const dir of pathDirs.filter(within)) {
    readable.add(dir);
    const prefix = dirname(dir);
    if (basename(dir) === 'bin' && within(prefix) && !hidden.some((place) => place === prefix || inside(place, prefix))) readable.add(prefix);
  }
  if (isAbsolute(episode.program) && within(episode.program)) readable.add(await realpath(episode.program).catch(() => episode.program));
  const view: FileView = { hidden, readable: [...readable], writable: [episode.workDir], cwd: episode.workDir };
  return { holding: 'pid-namespace', prefix: [...episode.bwrap, ...bubblewrapArgs(view, { statusFd: true })], statusFd: true };
}

/** Whether `path` lies strictly inside `dir`. */
function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The real paths of the folders among `paths` that exist, without duplicates or any of `except`. */
async function existingDirs(except: readonly string[], paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    if (!isAbsolute(path)) continue;
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined || except.includes(real) || !(await stat(real)).isDirectory()) continue;
    found.add(real);
  }
  return [...found];
}

/** Drops the folders that lie inside another one of the list (hiding the outer one hides them). */
function outermost(dirs: readonly string[]): string[] {
  return dirs.filter((dir) => !dirs.some((other) => inside(dir, other))).sort();
}
