import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * The file a program name runs, found the way execvp finds it: a name with a slash is taken
 * as a path (relative to `cwd`), a bare name is searched on PATH. Undefined, with the errno a
 * direct spawn would have given, when there is none: a wrapper (setpriv, unshare) would
 * otherwise turn "not found" into its own exit code.
 */
export async function findExecutable(file: string, env: { PATH?: string | undefined }, cwd: string): Promise<{ path: string } | { error: 'ENOENT' | 'EACCES' }> {
  if (file.includes('/')) {
    const path = isAbsolute(file) ? file : resolve(cwd, file);
    return (await executable(path)) ?? { path };
  }
  let denied = false;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, file);
    const problem = await executable(path);
    if (problem === undefined) return { path };
    if (problem.error === 'EACCES') denied = true;
  }
  return { error: denied ? 'EACCES' : 'ENOENT' };
}

async function executable(path: string): Promise<{ error: 'ENOENT' | 'EACCES' } | undefined> {
  try {
    if ((await stat(path)).isDirectory()) return { error: 'EACCES' };
    await access(path, constants.X_OK);
    return undefined;
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'EACCES' : 'ENOENT' };
  }
}
