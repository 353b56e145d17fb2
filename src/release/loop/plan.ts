import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../../core/errors.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { listIterations, storeLayout, writeJsonAtomic } from '../../store/index.js';

/**
 * A release's plan, `iterations/<agent>/release.json`: which iterations it runs with which
 * suites and gate. A release that was killed leaves its plan unfinished, and the next
 * `agentdevel release` continues that plan (the iterations it already recorded are walked
 * again in no time: every stage finds its files) rather than starting another.
 */
export interface ReleasePlan {
  first: number;
  iterations: number;
  suites: string[];
  gate: string;
  startedAt: string;
  finishedAt?: string;
  /** Set by `release --abandon`: the release was ended before its iterations ran. */
  abandonedAt?: string;
}

export function planFile(storeDir: string, agent: string): string {
  return join(storeLayout(storeDir).iterationsDir(agent), 'release.json');
}

export async function readPlan(storeDir: string, agent: string): Promise<ReleasePlan | undefined> {
  const path = planFile(storeDir, agent);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as ReleasePlan;
  } catch (error) {
    return fail('ESTORE', `${path}: not valid JSON (${(error as Error).message})`, { details: 'It is written atomically by `agentdevel release`; delete it to start a new release.' });
  }
}

export async function writePlan(storeDir: string, agent: string, plan: ReleasePlan): Promise<void> {
  await writeJsonAtomic(planFile(storeDir, agent), plan);
}

/**
 * The number of a new release's first iteration: one past every iteration the store or the
 * ledger knows (a CI job starts with an empty store; the ledger in git remembers).
 */
export async function nextIterationNumber(storeDir: string, agent: string, ledger: readonly LedgerEntry[]): Promise<number> {
  const stored = await listIterations(storeDir, agent);
  const highest = Math.max(0, ...stored, ...ledger.map((e) => e.iteration));
  return highest + 1;
}
