import { gitRun, identityArgs, openRepo } from '../../core/git/index.js';
import { isAgentdevelError } from '../../core/errors.js';

export type InitCommit = { status: 'committed'; commit: string; branch: string } | { status: 'not-a-repo' } | { status: 'failed'; reason: string };

/**
 * Commits exactly the files init wrote (`git add` then `git commit --only` on those paths): the
 * version line of an agent starts from a commit, so `release --dry-run` works right after
 * init. Whatever else the user had staged stays staged and uncommitted. A commit git refuses
 * (a merge in progress, a hook) leaves the files written and says why.
 */
export async function commitScaffold(root: string, paths: string[]): Promise<InitCommit> {
  const repo = await openRepo(root).catch(() => undefined);
  if (!repo) return { status: 'not-a-repo' };
  try {
    await gitRun(repo.git, ['add', '--', ...paths], 'staging the scaffolded files');
    const message = 'agentdevel init: config, example agent, suite, gate and release workflow';
    await gitRun(repo.git, [...(await identityArgs(repo)), 'commit', '--quiet', '--only', '-m', message, '--', ...paths], 'committing the scaffolded files');
    const commit = (await gitRun(repo.git, ['rev-parse', 'HEAD'], 'reading the new commit')).trim();
    const branch = (await gitRun(repo.git, ['rev-parse', '--abbrev-ref', 'HEAD'], 'reading the branch')).trim();
    return { status: 'committed', commit, branch };
  } catch (error) {
    if (!isAgentdevelError(error)) throw error;
    return { status: 'failed', reason: error.message };
  }
}
