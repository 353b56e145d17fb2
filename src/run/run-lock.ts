import { join } from 'node:path';
import { fail } from '../core/errors.js';
import { acquirePidLock } from '../store/index.js';

/**
 * One writer per run: two processes appending to the same journal would record examples
 * twice. A lock left by a killed process (a run killed with -9) is taken over.
 */
export async function lockRun(runDir: string, runId: string): Promise<() => Promise<void>> {
  const path = join(runDir, 'lock');
  const lock = await acquirePidLock(path, {
    refuse: (owner, why) =>
      fail('ERUN_LOCKED', `run ${runId} is being written by ${owner ? `process ${owner.pid}` : 'another process'}${why ? `: ${why}` : ''}`, {
        data: { lock: path, ...(owner ? { pid: owner.pid } : {}) },
      }),
  });
  return () => lock.release();
}
