import { parsePatch } from 'diff';
import type { BlueprintFile } from '../agent/index.js';
import { checkPatchPath, isDevNull } from './patch-path.js';
import type { CandidateFile } from './types.js';

export interface FileStat {
  path: string;
  action: 'modify' | 'create' | 'delete';
  added: number;
  removed: number;
}

/** Per file of a validated patch: what happens to it and how many lines come and go. */
export function patchSummary(patch: string, files: readonly CandidateFile[], blueprint: readonly BlueprintFile[]): FileStat[] {
  const lines = new Map<string, { added: number; removed: number }>();
  for (const part of parsePatch(patch)) {
    const name = isDevNull(part.newFileName) ? part.oldFileName : part.newFileName;
    const checked = checkPatchPath(name ?? '', isDevNull(part.newFileName) ? 'a' : 'b');
    if (!checked.ok) continue;
    const count = { added: 0, removed: 0 };
    for (const hunk of part.hunks) for (const line of hunk.lines) {
      if (line.startsWith('+')) count.added += 1;
      else if (line.startsWith('-')) count.removed += 1;
    }
    lines.set(checked.path, count);
  }
  const existing = new Set(blueprint.map((f) => f.path));
  return files.map((file) => ({
    path: file.path,
    action: file.content === null ? 'delete' : existing.has(file.path) ? 'modify' : 'create',
    ...(lines.get(file.path) ?? { added: 0, removed: 0 }),
  }));
}

export function renderFileStats(stats: readonly FileStat[]): string[] {
  return stats.map((s) => `  ${s.action.padEnd(6)} ${s.path} (+${s.added} -${s.removed})`);
}
