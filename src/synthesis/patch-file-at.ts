/**
 * The file a place in a raw patch belongs to (the last file header before it), for refusals
 * found before the patch is parsed into files: `binary` and `malformed` name the file too.
 */
export function fileAtLine(patch: string, lineIndex: number): string | undefined {
  const lines = patch.split('\n');
  let found: string | undefined;
  for (let i = 0; i <= Math.min(lineIndex, lines.length - 1); i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const header = /^(?:\+\+\+|---) (?:[ab]\/)?(\S.*?)(?:\t.*)?$/.exec(line) ?? /^diff --git a\/\S+ b\/(\S+)/.exec(line) ?? /^Binary files (?:a\/)?(\S+) and /.exec(line);
    if (header && header[1] !== '/dev/null') found = header[1];
  }
  return found;
}

/** The index of the first line holding `offset` (a character index into the patch). */
export function lineIndexOf(patch: string, offset: number): number {
  let count = 0;
  for (let i = 0; i < offset && i < patch.length; i++) if (patch.charCodeAt(i) === 10) count++;
  return count;
}

/** "prompts/x.md: " when the file is known, else nothing. */
export function filePrefix(file: string | undefined): string {
  return file === undefined ? '' : `${file}: `;
}
