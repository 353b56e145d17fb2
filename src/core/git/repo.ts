import { realpath } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { fail } from '../errors.js';

/** The repository a project lives in. */
export interface Repo {
  git: SimpleGit;
  /** Absolute path of the repository's top folder (the user's working tree). */
  root: string;
}

export async function openRepo(dir: string): Promise<Repo> {
  const git = simpleGit({ baseDir: dir });
  let root: string;
  try {
    root = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    const said = (error as Error).message.trim().split('\n').slice(0, 3).join(' ');
    // Bad input when the folder is simply not in a repository; anything else (no git, an unsafe owner) is git's own failure.
    if (/not a git repository/i.test(said)) {
      return fail('ENOT_GIT_REPO', `${dir} is not inside a git repository: agentdevel reads the agent as committed and keeps its version line in git (a dry run too, though it writes nothing there)`, { cause: error });
    }
    return fail('EGIT', `git cannot open the repository at ${dir}: ${said}`, { cause: error });
  }
  return { git, root: await realpath(root) };
}

/** The commit a ref names, or undefined when there is no such ref. */
export async function commitOf(git: SimpleGit, ref: string): Promise<string | undefined> {
  try {
    return (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Runs a git command, turning its failure into EGIT (EGIT_LOCKED for a lock file) with what was being done. */
export async function gitRun(git: SimpleGit, args: string[], doing: string): Promise<string> {
  try {
    return await git.raw(args);
  } catch (error) {
    const message = (error as Error).message.trim().split('\n').slice(0, 3).join(' ');
    if (/index\.lock|\.lock': File exists/.test(message)) {
      return fail('EGIT_LOCKED', `git is locked while ${doing}: ${message}`, { cause: error });
    }
    return fail('EGIT', `git failed while ${doing}: ${message}`, { cause: error });
  }
}

/** The folders git keeps its state in: this working tree's own, and the one all worktrees share. */
export async function gitDirs(repo: Repo): Promise<{ gitDir: string; commonDir: string }> {
  const out = await gitRun(repo.git, ['rev-parse', '--git-dir', '--git-common-dir'], 'locating the git folder');
  const [gitDir = '.git', commonDir = gitDir] = out.trim().split('\n');
  const absolute = (path: string) => (isAbsolute(path) ? path : join(repo.root, path));
  return { gitDir: absolute(gitDir), commonDir: absolute(commonDir) };
}

/** Variables only interactive or network git reads (editors, pagers, prompts, ssh, proxies): plumbing needs none. */
const INTERACTIVE_ENV = /^(EDITOR|PAGER|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_PAGER|GIT_ASKPASS|SSH_ASKPASS|GIT_SSH|GIT_SSH_COMMAND|GIT_PROXY_COMMAND|GIT_EXTERNAL_DIFF|GIT_TEMPLATE_DIR)$/i;

/**
 * simple-git for plumbing that needs environment variables of its own (GIT_INDEX_FILE). The
 * user's environment is passed on as git would see it, less what only interactive or network
 * commands read (simple-git refuses those in an explicit environment); config locations stay,
 * so the user's identity and settings apply.
 */
export function gitWithEnv(repo: Repo, extra: Record<string, string>): SimpleGit {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !INTERACTIVE_ENV.test(key)) env[key] = value;
  return simpleGit({ baseDir: repo.root, unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true } }).env({ ...env, ...extra });
}
