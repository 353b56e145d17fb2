import type { ConfigIssue } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import { checkExamples, createScorer } from '../../scoring/index.js';
import { locate, parsePath, type LoadedSuite } from '../../suite/index.js';

/**
 * What the suite's scorer cannot score, found before any run: an invalid pattern in `scorer:`
 * (reported once, at its field) or an example's `expected` it cannot read (an invalid regular
 * expression, the wrong shape), at the example's line for inline examples. A run would record
 * each such example as `error`; validate says so first.
 */
export async function scorerIssues(suite: LoadedSuite, file: string, text: string): Promise<ConfigIssue[]> {
  const critic = () => fail('EINTERNAL', 'validate never asks the critic');
  const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools, rubric: suite.config.rubric, critic });
  const inline = new Map((suite.config.examples ?? []).map((example, index) => [example.id, index]));
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const issue of checkExamples(suite, scorer)) {
    const id = /^example "(.*)"$/.exec(issue.path)?.[1];
    // A problem of the scorer's own settings reads the same for every example: once, at its field.
    const field = /^(scorer(?:\.[A-Za-z]+)+): /.exec(issue.message)?.[1];
    if (field) {
      if (seen.has(field)) continue;
      seen.add(field);
      issues.push({ file, path: field, message: issue.message.slice(field.length + 2), ...locate(text, parsePath(field)) });
      continue;
    }
    const index = id === undefined ? undefined : inline.get(id);
    if (index === undefined) issues.push(issue);
    else issues.push({ file, path: `examples[${index}]`, message: issue.message, ...locate(text, ['examples', index, 'expected']) });
  }
  return issues;
}
