import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail, isAgentdevelError } from '../core/errors.js';

const CHUNK_BYTES = 1 << 20;

/**
 * Writes a JSON-lines file from a stream of values, atomically (temp file, fsync, rename),
 * holding at most one chunk in memory: readers see the old file or the whole new one.
 */
export async function writeJsonlAtomic(path: string, values: AsyncIterable<unknown>): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let count = 0;
  try {
    const handle = await open(temp, 'w');
    try {
      let chunk = '';
      for await (const value of values) {
        chunk += `${JSON.stringify(value)}\n`;
        count++;
        if (chunk.length >= CHUNK_BYTES) {
          await handle.write(chunk);
          chunk = '';
        }
      }
      if (chunk) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return count;
  } catch (error) {
    await rm(temp, { force: true });
    // Errors of the values' source (a corrupt journal) pass through; file system errors are the store's.
    if (isAgentdevelError(error)) throw error;
    return fail('ESTORE', `cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
