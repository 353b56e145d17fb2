import type { ConfigIssue } from '../config/index.js';
import { displayName } from '../config/index.js';
import type { LoadedSuite } from '../suite/types.js';
import type { Scorer } from './types.js';

/**
 * Problems of a suite's examples that its scorer can see before any run (an `expected` of the
 * wrong shape, an invalid pattern), one per example, in the suite's file:field form.
 */
export function checkExamples(suite: LoadedSuite, scorer: Scorer, displayRoot = process.cwd()): ConfigIssue[] {
  if (!scorer.check) return [];
  const issues: ConfigIssue[] = [];
  for (const example of suite.examples) {
    const problem = scorer.check(example);
    if (problem) issues.push({ file: displayName(suite.file, displayRoot), path: `example "${example.id}"`, message: problem });
  }
  return issues;
}
