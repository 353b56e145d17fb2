import type { Project } from '../config/index.js';
import type { Logger } from '../core/log.js';
import type { ModelLayer } from '../llm/types.js';
import type { FileStat } from './patch-summary.js';
import type { RefusedCandidate } from './refusal-history.js';
import type { Intent, SynthesisAttempt } from './types.js';

export interface SynthesizeStageOptions {
  project: Project;
  agent: string;
  /** Default: the agent's latest iteration. */
  iteration?: number;
  /** Ask the engineer and validate, but write nothing: no git ref, no worktree, no store file. */
  dryRun?: boolean;
  /**
   * The line's refused candidates before the iteration (gatherRefusals in src/release reads them
   * from the ledger and the store): shown to the engineer, and never accepted again. Called only
   * when the engineer is asked.
   */
  refusals?: (iteration: number) => Promise<readonly RefusedCandidate[]>;
  /** A model layer to share (the release loop); otherwise one is opened and closed. */
  models?: ModelLayer;
  signal?: AbortSignal;
  logger?: Logger;
}

export type SynthesizeStatus = 'committed' | 'already-committed' | 'dry-run' | 'no-candidate' | 'no-target';

export interface SynthesizeStageResult {
  agent: string;
  iteration: number;
  status: SynthesizeStatus;
  /** Why there is no candidate (no-target, no-candidate; `duplicate: …` when attempts repeated refused candidates). */
  reason?: string;
  /** For a no-candidate whose attempts repeated refused candidates: their iterations. */
  duplicateOf?: number[];
  engineer?: { model: string; simulated: boolean };
  base?: { branch: string; commit: string; created: boolean };
  rcBranch?: string;
  rcCommit?: string;
  /** The worktree holding the RC checkout (under the store), for its run. */
  worktree?: string;
  patch?: string;
  intent?: Intent;
  files?: FileStat[];
  attempts: SynthesisAttempt[];
}
