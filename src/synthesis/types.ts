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
}

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
  | { ok: false; attempts: SynthesisAttempt[] };

export type { BlueprintFile };
