import { gitRun, type Repo } from '../../core/git/index.js';

export interface Checkout {
  path: string;
  /** The branch checked out there (short name), or undefined when HEAD is detached. */
  branch?: string;
}

/** Every working tree of the repository (the user's and the linked ones) and what it has checked out. */
export async function listCheckouts(repo: Repo): Promise<Checkout[]> {
  const out = await gitRun(repo.git, ['worktree', 'list', '--porcelain', '-z'], 'listing worktrees');
  const checkouts: Checkout[] = [];
  let current: Checkout | undefined;
  for (const field of out.split('\0')) {
    if (field.startsWith('worktree ')) {
      current = { path: field.slice('worktree '.length) };
      checkouts.push(current);
    } else if (current && field.startsWith('branch refs/heads/')) {
      current.branch = field.slice('branch refs/heads/'.length);
    }
  }
  return checkouts;
}
