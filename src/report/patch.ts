import { parsePatch } from 'diff';

export interface PatchFileStat {
  path: string;
  action: 'modify' | 'create' | 'delete';
  added: number;
  removed: number;
}

export interface PatchView {
  text: string;
  /** UTF-8 bytes of the whole patch. */
  bytes: number;
  files: PatchFileStat[];
  /** False when the patch text could not be parsed as a unified diff (it is still shown as is). */
  parsed: boolean;
}

const DEV_NULL = '/dev/null';
const stripPrefix = (name: string) => name.replace(/^[ab]\//, '');

/** The RC's patch with its per-file line counts, for the report's diff section. */
export function patchView(text: string): PatchView {
  const bytes = Buffer.byteLength(text, 'utf8');
  try {
    const files = parsePatch(text).flatMap((part): PatchFileStat[] => {
      const created = part.oldFileName === DEV_NULL;
      const deleted = part.newFileName === DEV_NULL;
      const name = deleted ? part.oldFileName : part.newFileName;
      if (name === undefined) return [];
      let added = 0;
      let removed = 0;
      for (const hunk of part.hunks) {
        for (const line of hunk.lines) {
          if (line.startsWith('+')) added++;
          else if (line.startsWith('-')) removed++;
        }
      }
      return [{ path: stripPrefix(name), action: created ? 'create' : deleted ? 'delete' : 'modify', added, removed }];
    });
    return { text, bytes, files, parsed: true };
  } catch {
    return { text, bytes, files: [], parsed: false };
  }
}
