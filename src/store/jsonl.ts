import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fail } from '../core/errors.js';

export interface ReadJsonlResult<T> {
  values: T[];
  /** True when the last line was cut short (a writer killed mid-append); it was skipped. */
  tornTail: boolean;
}

/**
 * Streams a JSON-lines file. A last line that does not parse (a writer was killed mid-write)
 * is skipped and reported; a bad line anywhere else is corruption and an error.
 */
export async function* iterateJsonl<T = unknown>(path: string, onTornTail?: () => void): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pending: { text: string; lineNumber: number } | undefined;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (pending) yield parseLine<T>(pending.text, path, pending.lineNumber);
    pending = line.trim() === '' ? undefined : { text: line, lineNumber };
  }
  if (pending) {
    try {
      yield JSON.parse(pending.text) as T;
    } catch {
      onTornTail?.();
    }
  }
}

function parseLine<T>(text: string, path: string, lineNumber: number): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    return fail('ESTORE', `${path}:${lineNumber}: not valid JSON (${(error as Error).message})`, {
      details: 'Only the last line of a journal may be torn by a killed writer; this line is in the middle. Restore the file or delete the run to redo it.',
    });
  }
}

export async function readJsonl<T = unknown>(path: string): Promise<ReadJsonlResult<T>> {
  const values: T[] = [];
  let tornTail = false;
  for await (const value of iterateJsonl<T>(path, () => (tornTail = true))) values.push(value);
  return { values, tornTail };
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
