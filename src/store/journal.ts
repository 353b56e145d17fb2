import { open, type FileHandle } from 'node:fs/promises';
import { mkdir, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fail } from '../core/errors.js';

/**
 * An append-only JSON-lines journal made durable by group commit: appends are buffered and
 * every flush writes the whole batch with one write and one fsync, so durability costs one
 * sync per batch instead of one per record and never serialises the callers.
 * `append` resolves once the line is on disk.
 */
export class Journal {
  private handle: FileHandle | undefined;
  private batch: Array<{ line: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly maxDelayMs: number,
  ) {}

  /** Opens (or creates) the journal; a torn last line left by a killed writer is cut off first. */
  static async open(path: string, options: { maxDelayMs?: number } = {}): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true });
    await repairTornTail(path);
    const journal = new Journal(path, options.maxDelayMs ?? 20);
    journal.handle = await open(path, 'a');
    return journal;
  }

  append(value: unknown): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    const line = `${JSON.stringify(value)}\n`;
    return new Promise((resolve, reject) => {
      this.batch.push({ line, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.maxDelayMs);
  }

  /** Writes everything appended so far and waits until it is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing) await this.flushing;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.flushing = this.writeBatch(batch);
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
    if (this.batch.length > 0) this.schedule();
  }

  private async writeBatch(batch: Array<{ line: string; resolve: () => void; reject: (error: unknown) => void }>): Promise<void> {
    try {
      const handle = this.handle;
      if (!handle) throw new Error('journal is not open');
      await handle.write(batch.map((entry) => entry.line).join(''));
      await handle.sync();
      for (const entry of batch) entry.resolve();
    } catch (error) {
      const wrapped = new Error(`cannot append to ${this.path}: ${(error as Error).message}`, { cause: error });
      for (const entry of batch) entry.reject(wrapped);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** Cuts a partial last line (no trailing newline) so the next append starts on a fresh line. */
async function repairTornTail(path: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return;
  }
  if (size === 0) return;
  const handle = await open(path, 'r');
  let keep = 0;
  try {
    // Scan backwards in chunks for the last newline; journals can be large.
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    let first = true;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const view = chunk.subarray(0, bytesRead);
      if (first && view[view.length - 1] === 0x0a) return;
      first = false;
      const at = view.lastIndexOf(0x0a);
      if (at >= 0) {
        keep = start + at + 1;
        break;
      }
      end = start;
    }
  } finally {
    await handle.close();
  }
  try {
    await truncate(path, keep);
  } catch (error) {
    fail('ESTORE', `cannot repair the torn last line of ${path}: ${(error as Error).message}`, { cause: error });
  }
}
