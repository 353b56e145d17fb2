import { parsePatch, type StructuredPatch } from 'diff';
import { gitTreeHash, type BlueprintFile } from '../agent/index.js';
import { applyEntry } from './apply-entry.js';
import { checkCandidateBlueprint } from './candidate-check.js';
import { editableMatcher } from './editable.js';
import { checkPathLayout } from './path-layout.js';
import { fileAtLine, filePrefix, lineIndexOf } from './patch-file-at.js';
import { checkEntryHeaders, refuse, type PatchEntry, type Refusal } from './patch-entry.js';
import type { CandidateFile } from './types.js';

export interface PatchTarget {
  agentName: string;
  /** Every file of the blueprint the patch is made against. */
  files: readonly BlueprintFile[];
  /** The `editable` globs of the blueprint's agent.yaml. */
  editable: readonly string[];
  /** Paths of the blueprint that are symlinks (known when it is read from git). */
  symlinks?: ReadonlySet<string>;
  maxPatchBytes: number;
}

export type PatchVerdict =
  | { ok: true; files: CandidateFile[]; tree: BlueprintFile[]; candidateHash: string }
  | Refusal;

const BINARY_MARKERS = /^(?:GIT binary patch|Binary files .* differ)$/m;
const SYMLINK_INDEX = /^index [0-9a-f]+\.\.[0-9a-f]+ 120000$/m;

/**
 * Everything a patch must pass before it may become a release candidate, in memory: nothing is
 * written anywhere, so hostile input cannot reach the disk. Each refusal has its own reason.
 */
export function validatePatch(patch: string, target: PatchTarget): PatchVerdict {
  const bytes = Buffer.byteLength(patch, 'utf8');
  if (bytes > target.maxPatchBytes) return refuse('oversize', `the patch is ${bytes} bytes; the limit is ${target.maxPatchBytes} (synthesis.maxPatchBytes): make one smaller change`);
  if (patch.trim() === '') return refuse('empty', 'the patch is empty: return exactly one change as a unified diff');
  const binaryAt = binaryOffset(patch);
  if (binaryAt >= 0) return refuse('binary', `${filePrefix(fileAtLine(patch, lineIndexOf(patch, binaryAt)))}the patch carries binary content; only text files can be patched`);
  if (SYMLINK_INDEX.test(patch)) return refuse('symlink', 'the patch changes a symlink (mode 120000)');

  let parsed: StructuredPatch[];
  try {
    parsed = parsePatch(patch);
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/i.exec(message)?.[1];
    const file = fileAtLine(patch, line === undefined ? Number.MAX_SAFE_INTEGER : Number(line) - 1);
    return refuse('malformed', `${filePrefix(file)}the patch does not parse as a unified diff: ${message}`);
  }
  const entries = checkEntries(parsed, target);
  if (!Array.isArray(entries)) return entries;

  const byPath = new Map(target.files.map((file) => [file.path, file]));
  const changed: CandidateFile[] = [];
  for (const entry of entries) {
    const current = byPath.get(entry.path);
    const applied = applyEntry(entry, current);
    if (!applied.ok) return applied;
    if (current && applied.content !== null && applied.content === current.content.toString('utf8')) continue;
    changed.push({ path: entry.path, content: applied.content, executable: current?.executable ?? false });
  }
  if (changed.length === 0) return refuse('empty', 'the patch changes nothing: every file reads the same after it');

  const tree = candidateTree(target.files, changed);
  const conflict = checkPathLayout(tree, new Set(changed.map((file) => file.path)));
  if (conflict) return conflict;
  const invalid = checkCandidateBlueprint(tree, target.agentName, target.files);
  if (invalid) return invalid;
  return { ok: true, files: changed, tree, candidateHash: gitTreeHash(tree) };
}

function binaryOffset(patch: string): number {
  const nul = patch.indexOf('\0');
  const marker = BINARY_MARKERS.exec(patch)?.index ?? -1;
  return nul < 0 ? marker : marker < 0 ? nul : Math.min(nul, marker);
}

function checkEntries(parsed: StructuredPatch[], target: PatchTarget): PatchEntry[] | Refusal {
  const isEditable = editableMatcher(target.editable);
  const symlinks = target.symlinks ?? new Set<string>();
  const entries: PatchEntry[] = [];
  const seen = new Set<string>();
  for (const part of parsed) {
    const checked = checkEntryHeaders(part);
    if (!checked.ok) return checked;
    const { path } = checked.entry;
    if (seen.has(path)) return refuse('malformed', `${path} appears twice in the patch: give all of a file's hunks under one header`);
    seen.add(path);
    if (isLinked(path, symlinks)) return refuse('symlink', `${path} is a symlink (or inside a symlinked folder) in the blueprint; a patch may not change it`);
    if (!isEditable(path)) return refuse('not-editable', notEditable(path, target));
    entries.push(checked.entry);
  }
  if (entries.length === 0) return refuse('empty', 'the patch holds no file diff');
  return entries;
}

function isLinked(path: string, symlinks: ReadonlySet<string>): boolean {
  const parts = path.split('/');
  return parts.some((_, i) => symlinks.has(parts.slice(0, i + 1).join('/')));
}

function notEditable(path: string, target: PatchTarget): string {
  const hint = path.startsWith(`agents/${target.agentName}/`) ? ` (paths are relative to the agent folder: write "${path.slice(`agents/${target.agentName}/`.length)}")` : '';
  return `${path} is not editable${hint}: agent.yaml lets a release candidate change only ${target.editable.map((g) => `"${g}"`).join(', ')}`;
}

/** The blueprint's files with the candidate's changes: new text, new files added, deleted ones gone. */
export function candidateTree(files: readonly BlueprintFile[], changed: readonly CandidateFile[]): BlueprintFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const change of changed) {
    if (change.content === null) byPath.delete(change.path);
    else byPath.set(change.path, { path: change.path, content: Buffer.from(change.content, 'utf8'), executable: change.executable });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
