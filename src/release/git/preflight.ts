import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { gitDirs } from '../../core/git/index.js';
import { fail } from '../../core/errors.js';
import { storeLayout } from '../../store/index.js';
import type { ReleaseLine } from '../line.js';
import { listCheckouts } from './checkouts.js';
import { inProgress, linkedGitDirs, lockFiles } from './repo-state.js';

/**
 * Refuses, before anything is written, a repository a release must not write to: one another
 * git process holds locked, one in the middle of a merge, rebase, cherry-pick, revert, bisect
 * or `git am`, or one where the version branch is checked out in a working tree that is not
 * the store's own (moving it would make that tree look changed under its owner's feet).
 */
export async function preflight(line: ReleaseLine): Promise<void> {
  const dirs = await gitDirs(line.repo);
  const locks = await lockFiles(dirs, line.branch, line.agent);
  if (locks.length > 0) {
    fail('EGIT_LOCKED', `the repository is locked by another git process: ${locks.map((p) => relativeToRoot(line, p)).join(', ')}`, {
      data: { locks },
      details: 'Wait for that git command to finish and rerun. If no git process is running (one was killed), the lock is stale: delete the file named above, then rerun.',
    });
  }
  const own = await inProgress(dirs.gitDir);
  if (own) {
    fail('EGIT_STATE', `the repository at ${line.repo.root} is in the middle of ${own.operation}`, {
      data: { operation: own.operation },
      details: `Release writes refs only and never touches your working tree, but it will not move a branch while git is mid-operation: ${own.fix}, then rerun.`,
    });
  }
  for (const gitDir of await linkedGitDirs(dirs.commonDir)) {
    const other = await inProgress(gitDir);
    if (other?.branch === line.branch) {
      fail('EGIT_STATE', `the version branch ${line.branch} is being rebased in another worktree (${gitDir})`, {
        details: `In that worktree, ${other.fix}, then rerun. A version line is never rewritten.`,
      });
    }
  }
  await refuseForeignCheckout(line);
}

async function refuseForeignCheckout(line: ReleaseLine): Promise<void> {
  const ours = await canonical(storeLayout(line.storeDir).worktreesDir);
  for (const checkout of await listCheckouts(line.repo)) {
    if (checkout.branch !== line.branch) continue;
    const path = await canonical(checkout.path);
    if (path === ours || path.startsWith(ours + sep)) continue;
    const whose = path === line.repo.root ? 'your working tree' : `the worktree ${path}`;
    fail('EGIT_STATE', `the version branch ${line.branch} is checked out in ${whose}`, {
      data: { checkout: path },
      details: `agentdevel moves ${line.branch} on every decision and never touches a checked-out tree. Switch that tree to another branch (\`git -C ${path} switch <branch>\`, or \`git -C ${path} switch --detach\`), then rerun.`,
    });
  }
}

async function canonical(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

function relativeToRoot(line: ReleaseLine, path: string): string {
  const rel = relative(line.repo.root, path);
  return rel.startsWith('..') ? path : rel;
}
