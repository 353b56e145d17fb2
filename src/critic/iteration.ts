import { fail } from '../core/errors.js';
import { listIterations, openIteration, readIteration, writeIteration, type IterationState } from '../store/index.js';

/**
 * The iteration a critique of `runId` belongs to. With `n`: that iteration (made if it does
 * not exist yet), which must be about this run. Without: the latest iteration when it is
 * about this run and still undecided (so rerunning an interrupted critique resumes it), else a
 * new one.
 */
export async function iterationForRun(storeDir: string, agent: string, runId: string, n?: number): Promise<IterationState> {
  const existing = await listIterations(storeDir, agent);
  if (n !== undefined) {
    if (!existing.includes(n)) return openIteration(storeDir, agent, { baselineRunId: runId }, n);
    const state = await readIteration(storeDir, agent, n);
    if (state.baselineRunId === undefined) {
      const adopted = { ...state, baselineRunId: runId };
      await writeIteration(storeDir, adopted);
      return adopted;
    }
    if (state.baselineRunId !== runId) {
      fail('EUSAGE', `iteration ${n} of agent "${agent}" improves on run ${state.baselineRunId}, not on run ${runId}`, {
        details: 'Pass the run that iteration started from, or leave out --iteration to start a new iteration.',
      });
    }
    return state;
  }
  const latest = existing[existing.length - 1];
  if (latest !== undefined) {
    const state = await readIteration(storeDir, agent, latest);
    if (state.baselineRunId === runId && state.outcome === undefined) return state;
  }
  return openIteration(storeDir, agent, { baselineRunId: runId });
}
