import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../../core/errors.js';
import { checkPatchPath } from '../patch-path.js';
import type { CandidateFile } from '../types.js';

/**
 * Writes validated candidate files into the agent folder of a fresh worktree. The paths were
 * checked already; this checks again, and refuses to follow any symlink on the way, so even a
 * path that slipped past validation cannot write outside the folder.
 */
export async function writeCandidateFiles(agentDir: string, files: readonly CandidateFile[]): Promise<void> {
  for (const file of files) {
    const checked = checkPatchPath(file.path, 'b');
    if (!checked.ok || checked.path !== file.path) fail('EPATCH', `refusing to write ${JSON.stringify(file.path)}: not a plain path inside the agent folder`, { data: { reason: 'path-escape' } });
    const parts = file.path.split('/');
    let dir = agentDir;
    for (const part of parts.slice(0, -1)) {
      dir = join(dir, part);
      const kind = await kindOf(dir);
      if (kind === 'missing') await mkdir(dir);
      else if (kind !== 'dir') fail('EPATCH', `refusing to write ${file.path}: ${part} is a ${kind} in the candidate tree`, { data: { reason: kind === 'symlink' ? 'symlink' : 'path-escape' } });
    }
    const target = join(agentDir, ...parts);
    const kind = await kindOf(target);
    if (kind === 'symlink' || kind === 'dir' || kind === 'other') fail('EPATCH', `refusing to write ${file.path}: it is a ${kind} in the candidate tree`, { data: { reason: kind === 'symlink' ? 'symlink' : 'path-escape' } });
    if (file.content === null) await rm(target, { force: true });
    else await writeFile(target, file.content, { mode: file.executable ? 0o755 : 0o644 });
  }
}

async function kindOf(path: string): Promise<'missing' | 'dir' | 'file' | 'symlink' | 'other'> {
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return 'symlink';
    if (info.isDirectory()) return 'dir';
    return info.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}
