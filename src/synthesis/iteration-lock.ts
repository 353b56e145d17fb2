import { open, readFile, rm } from 'node:fs/promises';
import { fail } from '../core/errors.js';
import { iterationFile } from '../store/index.js';

const LOCK_FILE = 'synthesize.lock';

/**
 * One synthesize per iteration at a time: two would race for the same worktree and branch.
 * The lock is a file holding the owner's pid, made exclusively; one left by a killed process
 * (its pid gone) is taken over.
 */
export async function lockIteration(storeDir: string, agent: string, n: number): Promise<() => Promise<void>> {
  const path = iterationFile(storeDir, agent, n, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return fail('ESTORE', `cannot lock ${path}: ${(error as Error).message}`, { cause: error });
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || isAlive(owner))) {
        return fail('EGIT_LOCKED', `iteration ${n} of agent "${agent}" is being synthesized by process ${owner} (${path})`, {
          details: 'Wait for that synthesize to finish; a lock left by a killed process is taken over automatically.',
          data: { pid: owner, lock: path },
        });
      }
      await rm(path, { force: true });
    }
  }
  return fail('EGIT_LOCKED', `iteration ${n} of agent "${agent}": another process took the lock ${path} at the same moment`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
