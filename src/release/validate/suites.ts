import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scorerIssues } from './scorer-issues.js';
import { displayName, listYamlNames, projectPaths, type ConfigIssue, type Project } from '../../config/index.js';
import { loadSuiteFile, type LoadedSuite } from '../../suite/index.js';
import { loaderIssues } from './error-issues.js';

export interface SuiteCheck {
  /** The suites that loaded. */
  loaded: LoadedSuite[];
  /** Names of the suite files (specs/<name>.yaml) that did not load or were skipped. */
  broken: Set<string>;
  issues: ConfigIssue[];
}

/**
 * Loads every suite as a run would (examples from their JSONL or importer files, ids unique,
 * scorer and tool files present), reporting the loader's own problems; two suites may not
 * share a name. Files in `skip` (display names) already failed their shape check.
 */
export async function checkSuites(project: Project, skip: ReadonlySet<string>): Promise<SuiteCheck> {
  const result: SuiteCheck = { loaded: [], broken: new Set(), issues: [] };
  const byName = new Map<string, string>();
  for (const fileName of await listYamlNames(projectPaths.specsDir(project))) {
    const path = join(projectPaths.specsDir(project), `${fileName}.yaml`);
    const file = displayName(path, project.root);
    if (skip.has(file)) {
      result.broken.add(fileName);
      continue;
    }
    try {
      const suite = await loadSuiteFile(path, { displayRoot: project.root });
      result.issues.push(...(await scorerIssues(suite, file, await readFile(path, 'utf8'))));
      const other = byName.get(suite.name);
      if (other) result.issues.push({ file, path: 'name', message: `expected a name no other suite has, found "${suite.name}" (also the name of ${other})` });
      byName.set(suite.name, file);
      result.loaded.push(suite);
    } catch (error) {
      result.broken.add(fileName);
      result.issues.push(...loaderIssues(error, file, project.root, await readFile(path, 'utf8').catch(() => undefined)));
    }
  }
  return result;
}
