import type { ConfigIssue } from '../../config/index.js';
import type { FileReads } from '../file-reads.js';

export interface ImportContext {
  suiteDir: string;
  /** Display name of the suite file. */
  suiteFile: string;
  reads: FileReads;
  display: (path: string) => string;
}

/** An example in the suite's own shape, not yet validated, with where it came from. */
export interface SourcedExample {
  value: Record<string, unknown>;
  file: string;
  line: number;
}

export interface ImportResult {
  examples: SourcedExample[];
  issues: ConfigIssue[];
}
