import { parsePatch } from 'diff';
import { oneLine } from './commit-message.js';
import { checkPatchPath, isDevNull } from './patch-path.js';

/** One file of a change, compact: what happens to it, its line counts and its changed lines (clipped). */
export interface DiffFileSummary {
  path: string;
  action: 'modify' | 'create' | 'delete';
  added: number;
  removed: number;
  /** The changed lines, `+` or `-` first, each on one line and clipped; at most MAX_DIFF_LINES. */
  lines: string[];
  /** Changed lines left out of `lines`. */
  moreLines: number;
}

export const MAX_DIFF_LINES = 8;
export const MAX_DIFF_LINE_CHARS = 160;

/**
 * A patch summarised for people and for the engineer's history: per file its action, counts
 * and the first changed lines. Made from the patch text alone (rc.patch, or a patch in memory);
 * files whose header does not name a path inside the agent folder are left out.
 */
export function diffSummary(patch: string): DiffFileSummary[] {
  let parts: ReturnType<typeof parsePatch>;
  try {
    parts = parsePatch(patch);
  } catch {
    return [];
  }
  const files: DiffFileSummary[] = [];
  for (const part of parts) {
    const deleted = isDevNull(part.newFileName);
    const checked = checkPatchPath((deleted ? part.oldFileName : part.newFileName) ?? '', deleted ? 'a' : 'b');
    if (!checked.ok) continue;
    const changed = part.hunks.flatMap((hunk) => hunk.lines.filter((line) => line.startsWith('+') || line.startsWith('-')));
    files.push({
      path: checked.path,
      action: deleted ? 'delete' : isDevNull(part.oldFileName) ? 'create' : 'modify',
      added: changed.filter((line) => line.startsWith('+')).length,
      removed: changed.filter((line) => line.startsWith('-')).length,
      lines: changed.slice(0, MAX_DIFF_LINES).map((line) => `${line[0]} ${oneLine(line.slice(1), MAX_DIFF_LINE_CHARS)}`.trimEnd()),
      moreLines: Math.max(0, changed.length - MAX_DIFF_LINES),
    });
  }
  return files;
}
