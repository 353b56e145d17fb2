import type { CritiqueRecord } from '../core/critique.js';
import { fail } from '../core/errors.js';
import { maskValue } from '../core/secrets.js';
import { exists, iterateJsonl, Journal } from '../store/index.js';

export const CRITIQUE_FILE = 'critique.jsonl';

export function critiqueKey(record: Pick<CritiqueRecord, 'suite' | 'exampleId' | 'repeat'>): string {
  return `${record.suite}\u0000${record.exampleId}\u0000${record.repeat}`;
}

/** The critiques already in the file (a torn last line, left by a kill, is skipped); they must be of this run. */
export async function readCritiques(path: string, runId: string): Promise<CritiqueRecord[]> {
  if (!(await exists(path))) return [];
  const critiques: CritiqueRecord[] = [];
  for await (const critique of iterateJsonl<CritiqueRecord>(path)) {
    if (critique.runId !== runId) {
      fail('ESTORE', `${path}: holds a critique of run ${critique.runId}, not of run ${runId}`, {
        details: 'An iteration critiques one run. Start a new iteration for this run (leave out --iteration).',
      });
    }
    critiques.push(critique);
  }
  return critiques;
}

/**
 * Appends critiques durably without making the critic wait on each fsync: the journal's group
 * commit writes them in batches, and a write failure surfaces at the next append or at close.
 */
export class CritiqueWriter {
  private failure: unknown;

  private constructor(private readonly journal: Journal) {}

  static async open(path: string): Promise<CritiqueWriter> {
    return new CritiqueWriter(await Journal.open(path));
  }

  write(critique: CritiqueRecord): void {
    this.check();
    this.journal.append(maskValue(critique)).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  async close(): Promise<void> {
    await this.journal.close();
    this.check();
  }

  private check(): void {
    if (this.failure) fail('ESTORE', (this.failure as Error).message, { cause: this.failure });
  }
}
