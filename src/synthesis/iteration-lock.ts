import { fail } from '../core/errors.js';
import { acquirePidLock, iterationFile } from '../store/index.js';

const LOCK_FILE = 'synthesize.lock';

/**
 * One synthesize per iteration at a time: two would race for the same worktree and branch.
 * A lock left by a killed process is taken over.
 */
export async function lockIteration(storeDir: string, agent: string, n: number): Promise<() => Promise<void>> {
  const path = iterationFile(storeDir, agent, n, LOCK_FILE);
  const lock = await acquirePidLock(path, {
    refuse: (owner, why) =>
      fail('EGIT_LOCKED', `iteration ${n} of agent "${agent}" is being synthesized by ${owner ? `process ${owner.pid}` : 'another process'}${why ? `: ${why}` : ''} (${path})`, {
        details: 'Wait for that synthesize to finish; a lock left by a killed process is taken over automatically.',
        data: { lock: path, ...(owner ? { pid: owner.pid } : {}) },
      }),
  });
  return () => lock.release();
}
