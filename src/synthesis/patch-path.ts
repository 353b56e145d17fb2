import type { PatchReason } from './types.js';

export type PathCheck = { ok: true; path: string } | { ok: false; reason: PatchReason; message: string };

const DEV_NULL = '/dev/null';
const WINDOWS_DRIVE = /^[A-Za-z]:/;
// Control characters (NUL, newline, tab, escape...) have no place in a file name of a blueprint.
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Most file systems refuse a longer name (NAME_MAX); the whole path stays well under PATH_MAX with the store's worktree folder in front. */
export const MAX_NAME_BYTES = 255;
export const MAX_PATH_BYTES = 1024;

export function isDevNull(name: string | undefined): boolean {
  return name === DEV_NULL;
}

/**
 * A file name from a patch header, as a path relative to the agent folder: one leading `a/`
 * (old side) or `b/` (new side) is dropped, as `git apply` does. Absolute paths, `..` and
 * anything reaching into a `.git` folder are refused before any file is looked at.
 */
export function checkPatchPath(name: string, side: 'a' | 'b'): PathCheck {
  if (CONTROL.test(name)) return { ok: false, reason: 'malformed', message: `file name ${JSON.stringify(name)} contains control characters` };
  const slashed = name.replace(/\\/g, '/');
  const stripped = slashed.startsWith(`${side}/`) ? slashed.slice(2) : slashed;
  if (stripped.startsWith('/') || WINDOWS_DRIVE.test(stripped) || slashed.startsWith('/')) {
    return { ok: false, reason: 'absolute-path', message: `"${name}" is an absolute path; paths must be relative to the agent folder (a/prompts/system.md)` };
  }
  const parts = stripped.split('/');
  if (parts.includes('..')) return { ok: false, reason: 'path-escape', message: `"${name}" contains "..": a patch may only change files inside the agent folder` };
  if (parts.some((part) => part.toLowerCase() === '.git')) return { ok: false, reason: 'path-escape', message: `"${name}" reaches into a .git folder` };
  const clean = parts.filter((part) => part !== '' && part !== '.');
  if (clean.length === 0) return { ok: false, reason: 'malformed', message: `"${name}" names no file` };
  const long = clean.find((part) => Buffer.byteLength(part, 'utf8') > MAX_NAME_BYTES);
  if (long !== undefined) return { ok: false, reason: 'path-too-long', message: `"${shorten(long)}" is a file or folder name of ${Buffer.byteLength(long, 'utf8')} bytes; names may have at most ${MAX_NAME_BYTES}` };
  const path = clean.join('/');
  const bytes = Buffer.byteLength(path, 'utf8');
  if (bytes > MAX_PATH_BYTES) return { ok: false, reason: 'path-too-long', message: `"${shorten(path)}" is a path of ${bytes} bytes; paths may have at most ${MAX_PATH_BYTES}` };
  return { ok: true, path };
}

function shorten(name: string): string {
  return name.length <= 60 ? name : `${name.slice(0, 40)}…${name.slice(-12)}`;
}
