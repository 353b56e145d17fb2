import { commitOf, type Repo } from '../../core/git/index.js';
import { fail } from '../../core/errors.js';

/**
 * Moves a branch from one commit to another as a compare-and-swap (`git update-ref <ref> <new>
 * <old>`): if the branch is not where it was read, nothing moves. Never forced; a branch that
 * is already at the target (a rerun after a crash) is left as it is.
 */
export async function moveBranch(repo: Repo, branch: string, to: string, from: string, reason: string): Promise<'moved' | 'already'> {
  try {
    await repo.git.raw(['update-ref', '-m', reason, `refs/heads/${branch}`, to, from]);
    return 'moved';
  } catch (error) {
    const message = (error as Error).message.trim().split('\n')[0] ?? '';
    const now = await commitOf(repo.git, `refs/heads/${branch}`);
    if (now === to) return 'already';
    if (/\.lock': File exists/.test(message)) {
      return fail('EGIT_LOCKED', `cannot move ${branch}: another git process holds its lock (${message})`, { cause: error });
    }
    return fail('EGIT_STATE', `the version branch ${branch} moved while this decision was being recorded: it was at ${from.slice(0, 12)}, it is now at ${now?.slice(0, 12) ?? 'nothing'}`, {
      cause: error,
      details: 'Something other than this release wrote the branch meanwhile. Nothing was moved; inspect `git log` of the branch, then rerun (the decision is recorded on top of whatever the branch holds then).',
    });
  }
}
