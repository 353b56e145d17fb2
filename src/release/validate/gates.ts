import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { displayName, formatPath, gatePolicySchema, listYamlNames, projectPaths, type ConfigIssue, type GateMode, type Project } from '../../config/index.js';
import type { LoadedSuite } from '../../suite/index.js';
import { locate } from '../../suite/locate.js';

/** The fields each mode reads besides name, description, mode and flaky (src/gate/decide.ts). */
const FIELDS_READ: Record<GateMode, readonly string[]> = {
  flips: ['maxP2F', 'maxP2FRate', 'minF2P', 'mcnemar', 'confirmRuns', 'holdout', 'minIntentAlignment', 'maxErrorRate', 'mustPass'],
  'net-benefit': ['maxP2F', 'netBenefit', 'minF2P', 'confirmRuns', 'holdout', 'minIntentAlignment', 'maxErrorRate', 'mustPass'],
  aggregate: ['maxErrorRate'],
  always: [],
};
const ALWAYS_READ = new Set(['name', 'description', 'mode', 'flaky']);

/** What the suites hold, for must-pass entries to be checked against. */
export interface SuiteIndex {
  loaded: readonly LoadedSuite[];
  /** True when some suite did not load: entries that may point into it are not judged. */
  incomplete: boolean;
}

/**
 * Checks that each gate policy means what it says: no field its mode ignores, and every
 * must-pass entry names examples that exist (`suite/id`, a bare id, or `tag:<t>`). Files in
 * `skip` already failed their shape check.
 */
export async function checkGates(project: Project, skip: ReadonlySet<string>, suites: SuiteIndex): Promise<ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  for (const name of await listYamlNames(projectPaths.gatesDir(project))) {
    const path = join(projectPaths.gatesDir(project), `${name}.yaml`);
    const file = displayName(path, project.root);
    if (skip.has(file)) continue;
    const text = await readFile(path, 'utf8');
    const raw = (parse(text) ?? {}) as Record<string, unknown>;
    const policy = gatePolicySchema.parse(raw);
    const issue = (at: PropertyKey[], message: string) => issues.push({ file, path: formatPath(at), message, ...locate(text, at) });
    const read = new Set([...ALWAYS_READ, ...FIELDS_READ[policy.mode]]);
    for (const key of Object.keys(raw)) {
      if (!read.has(key)) issue([key], `expected no ${key} under mode: ${policy.mode}, found one (that mode ignores it; remove it or use a mode that reads it)`);
    }
    if (policy.mode === 'net-benefit' && policy.confirmRuns < 2) {
      issue(['confirmRuns'], `expected confirmRuns of at least 2 under mode: net-benefit, found ${policy.confirmRuns} (its test selects flips with the first rerun and weighs the later ones; with fewer it never promotes)`);
    }
    if (read.has('mustPass')) {
      policy.mustPass.forEach((entry, i) => {
        const problem = mustPassProblem(entry, suites);
        if (problem) issue(['mustPass', i], problem);
      });
    }
  }
  return issues;
}

function mustPassProblem(entry: string, { loaded, incomplete }: SuiteIndex): string | undefined {
  if (entry.startsWith('tag:')) {
    const tag = entry.slice(4);
    if (incomplete || loaded.some((s) => s.examples.some((e) => e.tags.includes(tag)))) return undefined;
    return `expected a tag some example carries, found "${entry}" (no example of any suite has the tag "${tag}")`;
  }
  const slash = entry.indexOf('/');
  if (slash < 0) {
    if (incomplete || loaded.some((s) => s.examples.some((e) => e.id === entry))) return undefined;
    return `expected the id of an example, found "${entry}" (no suite has an example with that id)`;
  }
  const [suiteName, id] = [entry.slice(0, slash), entry.slice(slash + 1)];
  const suite = loaded.find((s) => s.name === suiteName);
  if (!suite) return incomplete ? undefined : `expected suite/id of a suite of this project, found "${entry}" (suites: ${loaded.map((s) => s.name).join(', ') || 'none'})`;
  return suite.examples.some((e) => e.id === id) ? undefined : `expected suite/id of an existing example, found "${entry}" (suite "${suiteName}" has no example with id "${id}")`;
}
