import { execa } from 'execa';
import { join } from 'node:path';
import { tempDir, writeTree } from '../helpers/tmp.js';

/** git in a folder, with a fixed identity so commits work on any machine. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd });
  return result.stdout;
}

/**
 * A real repository made from an inline file tree, everything committed on `main`, with a bare
 * repository added as `origin` over file:// and pushed to (as semantic-release's test helpers do).
 */
export async function gitProject(files: Record<string, string>): Promise<{ root: string; origin: string }> {
  const root = await writeTree({ '.gitignore': '.agentdevel/\n', ...files });
  await git(root, 'init', '--quiet');
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '-m', 'initial');
  const origin = join(await tempDir('agentdevel-origin-'), 'origin.git');
  await execa('git', ['init', '--quiet', '--bare', origin]);
  await git(root, 'remote', 'add', 'origin', `file://${origin}`);
  await git(root, 'push', '--quiet', 'origin', 'main');
  return { root, origin };
}

/** Everything about the user's side of a repository that synthesis must leave as it was. */
export async function userState(root: string): Promise<Record<string, string>> {
  return {
    head: await git(root, 'rev-parse', 'HEAD'),
    branch: await git(root, 'symbolic-ref', '--short', 'HEAD'),
    status: await git(root, 'status', '--porcelain=v2', '--untracked-files=all', '--ignored=no'),
    staged: await git(root, 'diff', '--cached'),
    unstaged: await git(root, 'diff'),
    stash: await git(root, 'stash', 'list'),
  };
}

export async function branches(root: string): Promise<string[]> {
  return (await git(root, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/')).split('\n').filter(Boolean).sort();
}
