import type { RunRecord } from '../core/records.js';
import { maskValue } from '../core/secrets.js';
import { fail } from '../core/errors.js';
import { Journal } from '../store/index.js';

/** Appends waiting for their group commit beyond which writers wait (a slow disk must not fill memory). */
const MAX_PENDING = 2_000;

/**
 * Journals records without making an episode wait for the fsync of its record: the episode's
 * slot is freed as soon as the record is queued, and the journal's group commit makes it
 * durable within a few milliseconds. A record lost to a kill before its commit is simply run
 * again on resume. A failed write stops the run at the next record.
 */
export class RecordWriter {
  private pending = 0;
  private failure: unknown;

  private constructor(private readonly journal: Journal) {}

  static async open(path: string): Promise<RecordWriter> {
    return new RecordWriter(await Journal.open(path));
  }

  async write(record: RunRecord): Promise<void> {
    this.check();
    this.pending++;
    const committed = this.journal.append(maskValue(record)).then(
      () => void this.pending--,
      (error: unknown) => {
        this.pending--;
        this.failure ??= error;
      },
    );
    if (this.pending > MAX_PENDING) await committed;
  }

  async close(): Promise<void> {
    await this.journal.close();
    this.check();
  }

  private check(): void {
    if (this.failure) fail('ESTORE', (this.failure as Error).message, { cause: this.failure });
  }
}
