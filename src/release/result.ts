import type { LedgerDecision, LedgerEntry } from '../core/ledger.js';

/**
 * What recording a decision did: promoted (a new version), recorded (a rejection, inconclusive
 * or no-candidate on the ledger), completed (a rerun made the tag a crash left unmade),
 * already-promoted / already-recorded (nothing left to do), dry-run (nothing written).
 */
export type RecordStatus = 'promoted' | 'recorded' | 'completed' | 'already-promoted' | 'already-recorded' | 'dry-run';

export interface VersionRef {
  number: number;
  tag: string;
  /** Null only in a dry run, for a version not made yet. */
  commit: string | null;
}

export interface RecordResult {
  agent: string;
  iteration: number;
  decision: LedgerDecision;
  status: RecordStatus;
  branch: string;
  /** The version the line holds after this (the new one on accept). */
  version: VersionRef;
  /** The version the iteration was compared with. */
  previous: VersionRef & { commit: string };
  /** The commit recording the decision; null in a dry run that would make it. */
  recordCommit: string | null;
  entry: LedgerEntry;
  /** Paths written by the record commit, from the repository root. */
  files: string[];
  /** What was done (or, in a dry run, would be), in order. */
  steps: string[];
}
