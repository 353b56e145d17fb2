import type { StructuredPatch } from 'diff';
import { checkPatchPath, isDevNull } from './patch-path.js';
import type { PatchReason } from './types.js';

/** One file's part of a patch, once its headers are checked: what it does to which path. */
export interface PatchEntry {
  path: string;
  action: 'modify' | 'create' | 'delete';
  patch: StructuredPatch;
}

export type Refusal = { ok: false; reason: PatchReason; message: string };
export type EntryCheck = { ok: true; entry: PatchEntry } | Refusal;

const REGULAR = '100644';
const EXECUTABLE = '100755';
const SYMLINK = '120000';

export function refuse(reason: PatchReason, message: string): Refusal {
  return { ok: false, reason, message };
}

/**
 * The header of one file's diff: names, kind of change and git's extended headers (modes,
 * renames, binary). Nothing here looks at the blueprint; that comes after.
 */
export function checkEntryHeaders(patch: StructuredPatch): EntryCheck {
  const { oldFileName, newFileName } = patch;
  if (oldFileName === undefined && newFileName === undefined) {
    return patch.hunks.length > 0
      ? refuse('malformed', 'a hunk has no file header: each file needs "--- a/<path>" and "+++ b/<path>" lines before its "@@" hunks')
      : refuse('malformed', 'no unified diff found: expected "--- a/<path>", "+++ b/<path>" and "@@ -l,n +l,n @@" hunks');
  }
  if (patch.isBinary) return refuse('binary', `${newFileName ?? oldFileName}: binary change ("Binary files ... differ"); only text files can be patched`);
  if (patch.isRename || patch.isCopy) return refuse('rename', `${oldFileName} → ${newFileName}: renames and copies are not accepted; change files in place`);
  const modes = checkModes(patch);
  if (modes) return modes;

  const created = isDevNull(oldFileName);
  const deleted = isDevNull(newFileName);
  if (created && deleted) return refuse('malformed', 'both sides of a file header are /dev/null');
  const oldPath = created ? undefined : checkPatchPath(oldFileName ?? '', 'a');
  const newPath = deleted ? undefined : checkPatchPath(newFileName ?? '', 'b');
  for (const check of [oldPath, newPath]) if (check && !check.ok) return check;
  const oldName = oldPath?.ok ? oldPath.path : undefined;
  const newName = newPath?.ok ? newPath.path : undefined;
  if (oldName !== undefined && newName !== undefined && oldName !== newName) {
    return refuse('rename', `"--- ${oldFileName}" and "+++ ${newFileName}" name different files: renames are not accepted; change files in place`);
  }
  const path = (newName ?? oldName) as string;
  const action = created ? 'create' : deleted ? 'delete' : 'modify';
  if (patch.hunks.length === 0 && action === 'modify') return refuse('empty', `${path}: the diff has no hunks`);
  return { ok: true, entry: { path, action, patch } };
}

function checkModes(patch: StructuredPatch): Refusal | undefined {
  const { oldMode, newMode } = patch;
  const name = patch.newFileName ?? patch.oldFileName ?? '';
  if (oldMode === SYMLINK || newMode === SYMLINK) return refuse('symlink', `${name}: symlinks (mode 120000) cannot be created or changed by a patch`);
  if (newMode === EXECUTABLE && oldMode !== EXECUTABLE) {
    return refuse('new-executable', `${name}: the patch makes an executable file (mode 100755); a release candidate may not add executables`);
  }
  for (const mode of [oldMode, newMode]) {
    if (mode !== undefined && mode !== REGULAR && mode !== EXECUTABLE) return refuse('mode-change', `${name}: unsupported file mode ${mode}`);
  }
  if (oldMode !== undefined && newMode !== undefined && oldMode !== newMode) {
    return refuse('mode-change', `${name}: the patch changes the file mode from ${oldMode} to ${newMode}; only contents may change`);
  }
  return undefined;
}
