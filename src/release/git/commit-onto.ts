import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gitRun, gitWithEnv, identityArgs, type Repo } from '../../core/git/index.js';

export interface FileWrite {
  /** Path from the repository root, `/`-separated. */
  path: string;
  content: string;
}

/**
 * Makes a commit whose tree is the parent's with these files written, through a private index
 * file (plumbing: read-tree, hash-object, update-index, write-tree, commit-tree). Nothing is
 * checked out and no ref moves: the user's index and working tree are never read or written,
 * and until a ref points at it the commit is an unreferenced object git collects in time.
 */
export async function commitOnto(repo: Repo, input: { parent: string; files: readonly FileWrite[]; message: string; scratchDir: string }): Promise<string> {
  const scratch = join(input.scratchDir, `commit-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(scratch, { recursive: true });
  try {
    const git = gitWithEnv(repo, { GIT_INDEX_FILE: join(scratch, 'index') });
    await gitRun(git, ['read-tree', input.parent], `reading the tree of ${input.parent.slice(0, 12)}`);
    for (const [i, file] of input.files.entries()) {
      const body = join(scratch, `file-${i}`);
      await writeFile(body, file.content);
      const blob = (await gitRun(git, ['hash-object', '-w', '--no-filters', body], `storing ${file.path}`)).trim();
      await gitRun(git, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], `staging ${file.path}`);
    }
    const tree = (await gitRun(git, ['write-tree'], 'writing the tree')).trim();
    const messageFile = join(scratch, 'message');
    await writeFile(messageFile, input.message);
    const args = [...(await identityArgs(repo)), 'commit-tree', tree, '-p', input.parent, '-F', messageFile];
    return (await gitRun(git, args, `committing onto ${input.parent.slice(0, 12)}`)).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
