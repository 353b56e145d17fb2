import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayName, listYamlNames, projectPaths, type ConfigIssue, type Project } from '../../config/index.js';
import { isAgentdevelError } from '../../core/errors.js';
import { loadTaxonomy, OTHER_LABEL } from '../../critic/taxonomy.js';
import { exists } from '../../store/index.js';
import { locate, parsePath } from '../../suite/locate.js';

/** Names the critic keeps for itself (src/critic/taxonomy.ts). */
const RESERVED_LABELS = [OTHER_LABEL, 'unlabelled'];

/**
 * What agentdevel.yaml points at: release.gate names a gate policy, release.suites name
 * suites, a role on a real server names its model, and critic.labels add labels the shipped taxonomy does not have, each once. Nothing
 * when the project has no agentdevel.yaml or it did not load (defaults are not judged).
 */
export async function checkProjectRefs(project: Project): Promise<ConfigIssue[]> {
  if (!project.configPath) return [];
  const file = displayName(project.configPath, project.root);
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ file, path, message });
  const { release, critic } = project.config;

  const gatePath = /[\\/]|\.ya?ml$/.test(release.gate) ? resolve(project.root, release.gate) : projectPaths.gateFile(project, release.gate);
  if (!(await exists(gatePath))) {
    const known = await listYamlNames(projectPaths.gatesDir(project));
    issue('release.gate', `expected a gate policy, found none at ${displayName(gatePath, project.root)} (gates: ${known.join(', ') || 'none'})`);
  }
  const suites = await listYamlNames(projectPaths.specsDir(project));
  for (const [i, name] of release.suites.entries()) {
    // A suite is named (specs/<name>.yaml) or given as a path, as `agentdevel run --suite` takes it.
    const found = /[\\/]|\.ya?ml$/.test(name) ? await exists(resolve(project.root, name)) : suites.includes(name);
    if (!found) issue(`release.suites[${i}]`, `expected a suite under specs/, found "${name}" (suites: ${suites.join(', ') || 'none'})`);
  }

  for (const [role, endpoint] of Object.entries(project.config.endpoints)) {
    // The model layer refuses this on a role's first call; here it shows before the run starts.
    if (endpoint.baseURL !== 'sim' && !endpoint.model) issue(`endpoints.${role}.model`, 'expected the name of the model the server serves (required when baseURL is a server URL, e.g. an id from GET <baseURL>/models), found none');
  }

  issues.push(...(await labelIssues(critic.labels.map((l) => l.label), file)));

  const text = await readFile(project.configPath, 'utf8');
  for (const found of issues) Object.assign(found, locate(text, parsePath(found.path)));
  return issues;
}

/**
 * The taxonomy loader stops at the first bad label; when it refuses, every bad one is listed.
 * Whatever it accepts is accepted here too.
 */
async function labelIssues(labels: readonly string[], file: string): Promise<ConfigIssue[]> {
  let refusal: unknown;
  try {
    await loadTaxonomy(labels.map((label) => ({ label, description: '' })));
    return [];
  } catch (error) {
    if (!isAgentdevelError(error)) throw error;
    refusal = error;
  }
  const shipped = new Set((await loadTaxonomy()).labels.map((l) => l.label));
  const first = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  labels.forEach((label, i) => {
    const issue = (message: string) => issues.push({ file, path: `critic.labels[${i}].label`, message });
    if (RESERVED_LABELS.includes(label)) issue(`expected a label of your own, found "${label}" (reserved: symptoms outside the taxonomy are kept as "${OTHER_LABEL}", unreadable critiques are "unlabelled")`);
    else if (shipped.has(label)) issue(`expected a label the shipped taxonomy does not have, found "${label}" (already defined there)`);
    else if (first.has(label)) issue(`expected each label once, found "${label}" again (first at critic.labels[${first.get(label)}])`);
    else first.set(label, i);
  });
  return issues.length > 0 ? issues : [{ file, path: 'critic.labels', message: (refusal as Error).message }];
}
