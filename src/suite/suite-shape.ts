import { basename, extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { locateKey, type ConfigIssue, type SuiteConfig } from '../config/index.js';

/**
 * Mistakes of a suite as a whole that its schema cannot see: a suite recorded under a name
 * other than its file's (runs, ledgers and reports would name a suite no file holds), and a
 * suite with no examples (a run of it would measure nothing and exit 0).
 */
export function suiteShapeIssues(config: SuiteConfig, file: string, examples: number, unreadRows: boolean, suiteFile: string, text: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (path: string) => {
    const lineCounter = new LineCounter();
    return locateKey(parseDocument(text, { lineCounter }).contents, [path], lineCounter);
  };
  const stem = basename(file, extname(file));
  if (config.name !== stem) {
    issues.push({ file: suiteFile, path: 'name', message: `expected "${stem}" (the suite's file name), found "${config.name}": rename the file or the suite`, ...at('name') });
  }
  // Rows that did not parse are reported already; an empty suite is one that holds nothing at all.
  if (examples === 0 && !unreadRows) {
    const field = config.examples ? 'examples' : config.file !== undefined ? 'file' : 'source';
    issues.push({ file: suiteFile, path: field, message: 'the suite has no examples: a run of it would measure nothing; add at least one', ...at(field) });
  }
  return issues;
}
