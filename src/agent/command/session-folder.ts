import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../../core/errors.js';
import { acquirePidLock, isStale, readPidLock } from '../../store/index.js';

const PREFIX = 'agentdevel-cmd-';
const OWNER = 'owner.lock';
/** A folder with no readable owner younger than this may be one another process is still making. */
const UNOWNED_GRACE_MS = 60_000;

/**
 * A command runner's own temp folder (the blueprint snapshot and every episode's working folder
 * go inside), with a lock file naming this process. A process killed with kill -9 cannot clean
 * up; the next runner to open sweeps the folders whose owner is gone (`sweepSessionFolders`).
 */
export async function openSessionFolder(tempRoot: string): Promise<string> {
  await sweepSessionFolders(tempRoot);
  const dir = await mkdtemp(join(tempRoot, `${PREFIX}${process.pid}-`));
  await acquirePidLock(join(dir, OWNER), {
    fields: { purpose: 'command agent episodes' },
    refuse: () => fail('EINTERNAL', `the fresh folder ${dir} already has an owner`),
  });
  return dir;
}

/** Removes the session folders under `tempRoot` left by processes that are gone; returns their paths. */
export async function sweepSessionFolders(tempRoot: string): Promise<string[]> {
  const names = await readdir(tempRoot).catch(() => [] as string[]);
  const swept: string[] = [];
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tempRoot, name);
    if (!(await abandoned(dir))) continue;
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    swept.push(dir);
  }
  return swept;
}

async function abandoned(dir: string): Promise<boolean> {
  const owner = await readPidLock(join(dir, OWNER));
  if (owner) return isStale(owner);
  const made = await stat(dir).catch(() => undefined);
  return made !== undefined && made.isDirectory() && Date.now() - made.mtimeMs > UNOWNED_GRACE_MS;
}
