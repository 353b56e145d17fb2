import { realpath, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gitRun, type Repo } from '../../core/git/index.js';
import { exists, storeLayout } from '../../store/index.js';

/** Where synthesis makes the RC of iteration n: a worktree of its own under the store. */
export function rcWorktreePath(storeDir: string, agent: string, n: number): string {
  return join(storeLayout(storeDir).worktreesDir, agent, `rc-${n}`);
}

/**
 * Removes a release candidate's worktree (its branch and commit stay: they are the record).
 * Once the decision on the candidate is recorded, or the iteration failed, the checkout is
 * clutter in `git worktree list` and a lock on nothing; a rerun that needs it again restores
 * it from the branch. Nothing happens when there is none, so this is safe on any path.
 */
export async function removeRcWorktree(repo: Repo, path: string): Promise<boolean> {
  const present = await exists(path);
  if (!present && !(await isRegistered(repo, path))) return false;
  if (present) {
    // The folder is the store's own: whatever it holds is a copy of the RC branch.
    await repo.git.raw(['worktree', 'remove', '--force', '--force', path]).catch(() => rm(path, { recursive: true, force: true }));
  }
  await gitRun(repo.git, ['worktree', 'prune'], 'pruning the removed worktree');
  return true;
}

async function isRegistered(repo: Repo, path: string): Promise<boolean> {
  const listed = await gitRun(repo.git, ['worktree', 'list', '--porcelain', '-z'], 'listing worktrees');
  const wanted = await canonical(path);
  for (const field of listed.split('\0')) {
    if (field.startsWith('worktree ') && (await canonical(field.slice('worktree '.length))) === wanted) return true;
  }
  return false;
}

/** The path with its existing parent's symlinks resolved (git lists real paths; the store may sit under a link). */
async function canonical(path: string): Promise<string> {
  try {
    return join(await realpath(dirname(path)), basename(path));
  } catch {
    return path;
  }
}
