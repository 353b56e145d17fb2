import { applyPatch, type StructuredPatchHunk } from 'diff';
import type { BlueprintFile } from '../agent/index.js';
import { refuse, type PatchEntry, type Refusal } from './patch-entry.js';

export type Applied = { ok: true; content: string | null } | Refusal;

/**
 * One file's diff applied in memory, exactly (no fuzz: every context and removed line must
 * match; a hunk may sit at another line, as `git apply` allows). The error names the first hunk
 * that does not fit, so the engineer can correct it.
 */
export function applyEntry(entry: PatchEntry, current: BlueprintFile | undefined): Applied {
  const { path, action, patch } = entry;
  if (action === 'create') {
    if (current) return refuse('does-not-apply', `${path} already exists; to change it, diff against its content ("--- a/${path}")`);
  } else if (!current) {
    return refuse('does-not-apply', `${path} does not exist in the agent folder (paths are relative to the agent folder; files that may change are listed in the request)`);
  }
  const source = current ? readText(current) : '';
  if (source === undefined) return refuse('binary', `${path} is not a UTF-8 text file; it cannot be patched`);

  const result = applyPatch(source, patch, { fuzzFactor: 0 });
  if (result === false) return refuse('does-not-apply', `${path}: ${whichHunkFails(source, entry)}`);
  if (action === 'delete') {
    return result === '' ? { ok: true, content: null } : refuse('does-not-apply', `${path}: the patch deletes the file but its hunks do not remove every line`);
  }
  return { ok: true, content: result };
}

function whichHunkFails(source: string, entry: PatchEntry): string {
  const hunks = entry.patch.hunks;
  for (let i = 0; i < hunks.length; i += 1) {
    if (applyPatch(source, { ...entry.patch, hunks: hunks.slice(0, i + 1) }, { fuzzFactor: 0 }) === false) {
      const hunk = hunks[i] as StructuredPatchHunk;
      return `hunk ${i + 1} of ${hunks.length} (${header(hunk)}) does not match the file: its context and removed lines must equal the file's lines exactly`;
    }
  }
  return 'the hunks do not apply in order';
}

function header(hunk: StructuredPatchHunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

/** The file as text, or undefined when it holds NUL bytes or is not valid UTF-8. */
function readText(file: BlueprintFile): string | undefined {
  if (file.content.includes(0)) return undefined;
  const text = file.content.toString('utf8');
  return Buffer.from(text, 'utf8').equals(file.content) ? text : undefined;
}
