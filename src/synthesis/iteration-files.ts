import { readFile } from 'node:fs/promises';
import { iterationFile, writeFileAtomic, writeJsonAtomic, type IterationState } from '../store/index.js';
import { diffSummary, type DiffFileSummary } from './diff-summary.js';
import type { FileStat } from './patch-summary.js';
import type { Intent, SynthesisAttempt, SynthesisLimits } from './types.js';

export const RC_PATCH_FILE = 'rc.patch';
export const INTENT_FILE = 'intent.json';
export const SYNTHESIS_FILE = 'synthesis.json';

/** synthesis.json: the audit of the stage, every attempt with its reason included. */
export interface SynthesisRecord {
  agent: string;
  iteration: number;
  status: 'candidate' | 'no-candidate' | 'no-target';
  /** Why there is no candidate (no actionable symptom, or the attempts ran out). */
  reason?: string;
  engineer: { model: string; simulated: boolean };
  limits: SynthesisLimits;
  base: { branch: string; commit: string };
  blueprintHash: string;
  candidateHash?: string;
  /** A no-candidate whose attempts repeated refused candidates: their iterations. */
  duplicateOf?: number[];
  files?: FileStat[];
  rcBranch?: string;
  rcCommit?: string;
  attempts: SynthesisAttempt[];
}

/** Written before the commit (each file atomically), so a crash after it leaves the evidence. */
export async function writeRcFiles(storeDir: string, state: IterationState, patch: string, intent: Intent): Promise<void> {
  await writeFileAtomic(iterationFile(storeDir, state.agent, state.n, RC_PATCH_FILE), patch.endsWith('\n') ? patch : `${patch}\n`);
  await writeJsonAtomic(iterationFile(storeDir, state.agent, state.n, INTENT_FILE), intent);
}

export async function writeSynthesisRecord(storeDir: string, state: IterationState, record: SynthesisRecord): Promise<void> {
  await writeJsonAtomic(iterationFile(storeDir, state.agent, state.n, SYNTHESIS_FILE), record);
}

/** What an earlier run of the stage recorded, for a rerun that has nothing left to do. */
export async function readRecorded(storeDir: string, state: Pick<IterationState, 'agent' | 'n'>): Promise<{ patch?: string; intent?: Intent; record?: SynthesisRecord }> {
  const read = async (file: string) => readFile(iterationFile(storeDir, state.agent, state.n, file), 'utf8').catch(() => undefined);
  const [patch, intent, record] = await Promise.all([read(RC_PATCH_FILE), read(INTENT_FILE), read(SYNTHESIS_FILE)]);
  return {
    ...(patch === undefined ? {} : { patch }),
    ...(intent === undefined ? {} : { intent: JSON.parse(intent) as Intent }),
    ...(record === undefined ? {} : { record: JSON.parse(record) as SynthesisRecord }),
  };
}

/** What the ledger line keeps of an iteration's synthesis: the candidate (hash, intent, diff summary) or the refused iterations its attempts repeated. */
export interface CandidateSummary {
  candidateHash?: string;
  intent?: { targets: string[]; summary: string };
  diff?: DiffFileSummary[];
  duplicateOf?: number[];
}

export async function readCandidateSummary(storeDir: string, state: Pick<IterationState, 'agent' | 'n'>): Promise<CandidateSummary> {
  const { patch, intent, record } = await readRecorded(storeDir, state).catch(() => ({}) as Awaited<ReturnType<typeof readRecorded>>);
  if (record?.status === 'no-candidate') return record.duplicateOf && record.duplicateOf.length > 0 ? { duplicateOf: record.duplicateOf } : {};
  return {
    ...(record?.candidateHash ? { candidateHash: record.candidateHash } : {}),
    ...(intent ? { intent: { targets: intent.targets, summary: intent.summary } } : {}),
    ...(patch !== undefined ? { diff: diffSummary(patch) } : {}),
  };
}
