import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../core/errors.js';

/**
 * One writer per run: two processes appending to the same journal would record examples
 * twice. The lock is a file holding the owner's pid, created exclusively; a lock whose process
 * is gone (a run killed with -9) is taken over.
 */
export async function lockRun(runDir: string, runId: string): Promise<() => Promise<void>> {
  const path = join(runDir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        return fail('ESTORE', `cannot lock run ${runId} (${path}): ${(error as Error).message}`, { cause: error });
      }
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || isAlive(owner))) {
        return fail('ERUN_LOCKED', `run ${runId} is being written by process ${owner}`, { data: { pid: owner, lock: path } });
      }
      await rm(path, { force: true });
    }
  }
  return fail('ERUN_LOCKED', `run ${runId}: another process took the lock ${path} at the same moment`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
