import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../core/errors.js';
import { writeJsonAtomic } from './atomic.js';
import { storeLayout } from './layout.js';

/**
 * One iteration of an agent's release line lives in `iterations/<agent>/<n>/`. Its
 * `iteration.json` says which runs and commits it is about and which stages are done, so
 * the stages can be run one by one from the CLI and a killed release resumes where it stopped.
 */
export interface IterationState {
  agent: string;
  n: number;
  /** The fresh run of the current version this iteration improves on. */
  baselineRunId?: string;
  /** The version-line commit the baseline ran. */
  baselineCommit?: string;
  rcBranch?: string;
  rcCommit?: string;
  rcRunId?: string;
  /** Stage name → ISO time it completed. */
  completed: Record<string, string>;
  /** Free-form outcome of the iteration once decided (accept, reject, inconclusive, no-candidate, ...). */
  outcome?: string;
}

export const ITERATION_FILE = 'iteration.json';

export function iterationFile(storeDir: string, agent: string, n: number, file: string): string {
  return join(storeLayout(storeDir).iterationDir(agent, n), file);
}

/** Iteration numbers that exist for the agent, ascending. */
export async function listIterations(storeDir: string, agent: string): Promise<number[]> {
  try {
    const names = await readdir(storeLayout(storeDir).iterationsDir(agent));
    return names
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return [];
  }
}

export async function readIteration(storeDir: string, agent: string, n: number): Promise<IterationState> {
  const path = iterationFile(storeDir, agent, n, ITERATION_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as IterationState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return fail('ENOT_FOUND', `iteration ${n} of agent "${agent}" does not exist (${path})`, {
        details: 'Start one with `agentdevel critique --run <runId>` or `agentdevel release`.',
      });
    }
    return fail('ESTORE', `${path}: cannot read (${(error as Error).message})`, { cause: error });
  }
}

export async function writeIteration(storeDir: string, state: IterationState): Promise<void> {
  await writeJsonAtomic(iterationFile(storeDir, state.agent, state.n, ITERATION_FILE), state);
}

/** The iteration given, or the latest one; fails when the agent has none. */
export async function resolveIteration(storeDir: string, agent: string, n?: number): Promise<IterationState> {
  if (n !== undefined) return readIteration(storeDir, agent, n);
  const all = await listIterations(storeDir, agent);
  const latest = all[all.length - 1];
  if (latest === undefined) {
    return fail('ENOT_FOUND', `agent "${agent}" has no iteration yet`, { details: 'Start one with `agentdevel critique --run <runId>` or `agentdevel release`.' });
  }
  return readIteration(storeDir, agent, latest);
}

/** Creates iteration n (default: one past the latest). */
export async function openIteration(storeDir: string, agent: string, fields: Partial<IterationState> = {}, n?: number): Promise<IterationState> {
  const all = await listIterations(storeDir, agent);
  const number = n ?? (all[all.length - 1] ?? 0) + 1;
  const state: IterationState = { agent, n: number, completed: {}, ...fields };
  await writeIteration(storeDir, state);
  return state;
}

export async function markCompleted(storeDir: string, state: IterationState, stage: string, fields: Partial<IterationState> = {}): Promise<IterationState> {
  const next = { ...state, ...fields, completed: { ...state.completed, [stage]: new Date().toISOString() } };
  await writeIteration(storeDir, next);
  return next;
}
