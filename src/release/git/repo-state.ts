import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exists } from '../../store/index.js';

/** An operation git is in the middle of in one working tree, with how to finish or leave it. */
export interface InProgress {
  operation: string;
  /** The branch it rewrites, when git records one (a rebase). */
  branch?: string;
  fix: string;
}

const MARKERS: Array<{ file: string; operation: string; fix: string }> = [
  { file: 'MERGE_HEAD', operation: 'a merge', fix: 'finish it (resolve, `git add`, `git commit`) or abort it (`git merge --abort`)' },
  { file: 'CHERRY_PICK_HEAD', operation: 'a cherry-pick', fix: 'finish it (`git cherry-pick --continue`) or abort it (`git cherry-pick --abort`)' },
  { file: 'REVERT_HEAD', operation: 'a revert', fix: 'finish it (`git revert --continue`) or abort it (`git revert --abort`)' },
  { file: 'BISECT_LOG', operation: 'a bisect', fix: 'end it (`git bisect reset`)' },
];

/** What a git folder (a working tree's own) says is in progress, or undefined. */
export async function inProgress(gitDir: string): Promise<InProgress | undefined> {
  for (const folder of ['rebase-merge', 'rebase-apply']) {
    if (!(await exists(join(gitDir, folder)))) continue;
    if (folder === 'rebase-apply' && (await exists(join(gitDir, folder, 'applying')))) {
      return { operation: 'a `git am`', fix: 'finish it (`git am --continue`) or abort it (`git am --abort`)' };
    }
    const branch = (await readFile(join(gitDir, folder, 'head-name'), 'utf8').catch(() => '')).trim();
    return { operation: 'a rebase', ...(branch.startsWith('refs/heads/') ? { branch: branch.slice('refs/heads/'.length) } : {}), fix: 'finish it (`git rebase --continue`) or abort it (`git rebase --abort`)' };
  }
  for (const marker of MARKERS) {
    if (await exists(join(gitDir, marker.file))) return { operation: marker.operation, fix: marker.fix };
  }
  return undefined;
}

/** Lock files that say another git process is writing what a release writes. */
export async function lockFiles(dirs: { gitDir: string; commonDir: string }, branch: string, agent: string): Promise<string[]> {
  const candidates = [join(dirs.gitDir, 'index.lock'), join(dirs.commonDir, 'packed-refs.lock'), join(dirs.commonDir, 'refs', 'heads', ...`${branch}.lock`.split('/'))];
  const found: string[] = [];
  for (const path of candidates) if (await exists(path)) found.push(path);
  const tagsDir = join(dirs.commonDir, 'refs', 'tags');
  for (const name of await readdir(tagsDir).catch(() => [] as string[])) {
    if (name.startsWith(`${agent}@v`) && name.endsWith('.lock')) found.push(join(tagsDir, name));
  }
  return found;
}

/** The git folders of the other linked worktrees (`<common>/worktrees/<name>`). */
export async function linkedGitDirs(commonDir: string): Promise<string[]> {
  const dir = join(commonDir, 'worktrees');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.map((name) => join(dir, name));
}
