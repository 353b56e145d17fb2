import type { BlueprintFile } from '../agent/index.js';

/** What the engineer says its change is for; judged later by the gate's intent-alignment rule. */
export interface Intent {
  /** Taxonomy labels the change targets. */
  targets: string[];
  summary: string;
  /** Example ids the engineer expects to flip from fail to pass. */
  expectedFixes: string[];
}

/** A short failing trace the diagnosis picked to show a symptom, as the engineer reads it. */
export interface Exemplar {
  label: string;
  suite: string;
  exampleId: string;
  /** The blind view of the record (task, output, surface trace), as text. */
  text: string;
}

export interface SynthesisLimits {
  /** Engineer replies tried before the iteration ends with no candidate. */
  maxAttempts: number;
  /** Largest patch accepted, in UTF-8 bytes. */
  maxPatchBytes: number;
  /** Budget of the refused candidates' history in the request, in estimated tokens (default DEFAULT_HISTORY_TOKENS; 0: none). */
  historyTokens?: number;
}

export { DEFAULT_HISTORY_TOKENS } from '../config/index.js';

/** Why a patch was refused: one code per kind of fault, so audits and tests can count them. */
export const patchReasons = [
  'invalid-reply',
  'empty',
  'oversize',
  'binary',
  'malformed',
  'absolute-path',
  'path-escape',
  'rename',
  'symlink',
  'new-executable',
  'mode-change',
  'not-editable',
  'does-not-apply',
  'path-conflict',
  'path-too-long',
  'invalid-agent-yaml',
  'commit-failed',
  /** A valid patch whose candidate is identical (same tree hash) to one the line refused. */
  'duplicate',
] as const;
export type PatchReason = (typeof patchReasons)[number];

/** A file of the candidate that differs from the blueprint: its new text, or null when deleted. */
export interface CandidateFile {
  /** Relative to the agent folder, forward slashes. */
  path: string;
  content: string | null;
  executable: boolean;
}

/** One engineer reply and what validation made of it. */
export interface SynthesisAttempt {
  attempt: number;
  ok: boolean;
  reason?: PatchReason;
  /** The exact error, as sent back to the engineer. */
  message?: string;
  /** For a duplicate: its tree hash and the iteration whose refused candidate it repeats. */
  candidateHash?: string;
  duplicateOf?: number;
  /** The patch as the engineer wrote it (cut at maxPatchBytes). */
  patch?: string;
  patchBytes?: number;
  intent?: Intent;
  cached: boolean;
  promptTokens: number;
  completionTokens: number;
}

export type SynthesisResult =
  | {
      ok: true;
      patch: string;
      intent: Intent;
      /** The editable files the patch changes, as they read after it. */
      files: CandidateFile[];
      /** Tree hash of the whole candidate blueprint (git's tree id of the agent folder). */
      candidateHash: string;
      attempts: SynthesisAttempt[];
    }
  | {
      ok: false;
      attempts: SynthesisAttempt[];
      /** The refused iterations whose candidates attempts repeated (empty when none did): the iteration ends with reason `duplicate`. */
      duplicateOf: number[];
    };

export type { BlueprintFile };
