import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fail } from '../../core/errors.js';
import type { BlueprintFile } from '../types.js';

/**
 * The only entries of an agent folder that are skipped: operating-system litter and a nested
 * git folder. Everything else is part of the blueprint or refused with EBLUEPRINT.
 */
export const IGNORED_NAMES: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.git']);

/**
 * Every file under `dir` (sorted, forward-slash relative paths, with the owner's execute bit).
 * A symlink counts as the file it points at, which must be inside the folder; symlinked
 * folders, broken links and special files (sockets, fifos, devices) are refused.
 */
export async function readBlueprintFiles(dir: string, shownAs: string): Promise<BlueprintFile[]> {
  const root = await realpath(dir).catch((error: unknown) => fail('EFILE', `${shownAs}: ${describe(error)}`, { cause: error }));
  const files: BlueprintFile[] = [];
  await walk(root, [], files, shownAs, root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(root: string, parts: string[], out: BlueprintFile[], shownAs: string, realRoot: string): Promise<void> {
  const here = join(root, ...parts);
  const entries = await readdir(here, { withFileTypes: true });
  for (const entry of entries) {
    if (IGNORED_NAMES.has(entry.name)) continue;
    const path = [...parts, entry.name].join('/');
    const full = join(here, entry.name);
    const shown = `${shownAs}/${path}`;
    if (entry.isDirectory()) await walk(root, [...parts, entry.name], out, shownAs, realRoot);
    else if (entry.isFile()) out.push(await readOne(full, path, shown));
    else if (entry.isSymbolicLink()) out.push(await readLink(full, path, shown, realRoot));
    else fail('EBLUEPRINT', `${shown}: not a regular file (a socket, fifo or device cannot be part of an agent)`);
  }
}

async function readOne(full: string, path: string, shown: string): Promise<BlueprintFile> {
  try {
    const [content, info] = await Promise.all([readFile(full), lstat(full)]);
    return { path, content, executable: (info.mode & 0o100) !== 0 };
  } catch (error) {
    return fail('EFILE', `${shown}: ${describe(error)}`, { cause: error });
  }
}

async function readLink(full: string, path: string, shown: string, realRoot: string): Promise<BlueprintFile> {
  let target: string;
  try {
    target = await realpath(full);
  } catch (error) {
    return fail('EBLUEPRINT', `${shown}: broken symlink (${describe(error)})`, { cause: error });
  }
  const inside = relative(realRoot, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    fail('EBLUEPRINT', `${shown}: symlink points outside the agent folder (to ${target})`, {
      details: 'A blueprint must be self-contained so that its hash covers everything it runs: copy the file into the agent folder instead of linking to it.',
    });
  }
  if ((await stat(target)).isDirectory()) {
    fail('EBLUEPRINT', `${shown}: symlink to a folder (${inside}); only symlinks to files are accepted`);
  }
  return readOne(target, path, shown);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}
