import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlueprintFile } from '../../agent/index.js';
import type { Repo } from '../../core/git/index.js';
import { fail } from '../../core/errors.js';
import { exists, storeLayout } from '../../store/index.js';
// Not on the synthesis module's surface: the one reader of an agent folder from git's objects.
import { readCommittedBlueprint } from '../../synthesis/git/read-blueprint.js';

/**
 * A version's blueprint as files under the store (`worktrees/<agent>/tree-<hash>/<agent>/`),
 * written from git's objects: the version line's commit is read without checking anything out,
 * so the user's working tree, index and branch are never involved, and no git state is written
 * (a dry run stays free of git writes). The folder is named by the blueprint's tree hash and
 * made whole by a rename, so a crash never leaves half a version behind and equal versions share it.
 */
export async function checkoutVersion(repo: Repo, input: { commit: string; agentPath: string; agent: string; storeDir: string }): Promise<{ dir: string; hash: string; files: BlueprintFile[] }> {
  const { blueprint } = await readCommittedBlueprint(repo, input.commit, input.agentPath, input.agent, join(repo.root, ...input.agentPath.split('/')));
  const dir = await writeBlueprintFiles(input.storeDir, input.agent, blueprint.hash, blueprint.files);
  return { dir, hash: blueprint.hash, files: blueprint.files };
}

/** Writes a blueprint's files (a candidate made in memory, say) into the store's folder for its hash; returns the agent folder. */
export async function writeBlueprintFiles(storeDir: string, agent: string, hash: string, files: readonly BlueprintFile[]): Promise<string> {
  const home = join(storeLayout(storeDir).worktreesDir, agent, `tree-${hash.slice(0, 16)}`);
  const dir = join(home, agent);
  if (await exists(dir)) return dir;
  const scratch = `${home}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    for (const file of files) {
      const path = join(scratch, agent, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, { mode: file.executable ? 0o755 : 0o644 });
    }
    await mkdir(dirname(home), { recursive: true });
    await rename(scratch, home).catch(async (error: NodeJS.ErrnoException) => {
      // Another process wrote the same version meanwhile: its folder is as good as ours.
      if (!(await exists(dir))) throw error;
    });
  } catch (error) {
    fail('ESTORE', `cannot write the blueprint of ${agent} (${hash.slice(0, 12)}) under ${home}: ${(error as Error).message}`, { cause: error });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return dir;
}
