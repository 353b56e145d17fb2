import { readFile } from 'node:fs/promises';
import { fail } from '../core/errors.js';
import { hashValue, sha256 } from '../core/hash.js';

/**
 * The files a suite reads, each with the hash of its content, so that the suite's hash changes
 * when any of them does, and only then: where the project lives does not matter.
 */
export class FileReads {
  private readonly entries: Array<{ field: string; path: string; hash: string }> = [];

  /** `suiteFile` is the display name of the suite, for messages. */
  constructor(private readonly suiteFile: string) {}

  /** Reads a file named by `field` of the suite and records it; a missing file is EFILE naming the field. */
  async text(path: string, field: string): Promise<string> {
    return (await this.buffer(path, field)).toString('utf8');
  }

  async buffer(path: string, field: string): Promise<Buffer> {
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message;
      return fail('EFILE', `${this.suiteFile}: ${field}: ${path}: ${why}`, { cause: error });
    }
    this.entries.push({ field, path, hash: sha256(buffer) });
    return buffer;
  }

  get paths(): string[] {
    return this.entries.map((e) => e.path);
  }

  /** One hash over every file read, in the order read (the loader's order is fixed). */
  digest(): string {
    return hashValue(this.entries.map((e) => [e.field, e.hash]));
  }
}
