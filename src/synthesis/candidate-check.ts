import { AGENT_FILE, type BlueprintFile } from '../agent/index.js';
// Not on the agent module's public surface: the same checks loadBlueprint runs, on files in memory.
import { checkAgainstFiles } from '../agent/blueprint/checks.js';
import { agentSchema, ConfigProblems, formatIssue, parseYaml, type ConfigIssue } from '../config/index.js';
import { refuse, type Refusal } from './patch-entry.js';

/**
 * The candidate's agent.yaml as loadBlueprint would judge it: valid YAML, valid against the
 * agent schema, the same name, and every file it names present (a patch could delete a prompt
 * file that `system:` lists, or break the YAML if agent.yaml is editable). Where agent.yaml is
 * editable, a candidate may not lift the confinement of the blueprint it changes (`baseline`).
 */
export function checkCandidateBlueprint(files: readonly BlueprintFile[], agentName: string, baseline: readonly BlueprintFile[] = []): Refusal | undefined {
  const agentFile = files.find((file) => file.path === AGENT_FILE);
  if (!agentFile) return refuse('invalid-agent-yaml', `${AGENT_FILE} is missing after the patch`);
  const issues: ConfigIssue[] = [];
  try {
    const config = parseYaml(agentFile.content.toString('utf8'), agentSchema, AGENT_FILE);
    if (config.name !== agentName) issues.push({ file: AGENT_FILE, path: 'name', message: `expected "${agentName}" (the agent's name), found "${config.name}"` });
    issues.push(...checkAgainstFiles(config, files, AGENT_FILE));
    const confine = config.kind === 'command' ? config.confine : 'none';
    if (confine !== 'files' && confinedIn(baseline)) issues.push({ file: AGENT_FILE, path: 'confine', message: `expected files (a release candidate may not lift the agent's confinement), found ${confine}` });
  } catch (error) {
    if (!(error instanceof ConfigProblems)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length === 0) return undefined;
  return refuse('invalid-agent-yaml', `after the patch, ${issues.map(formatIssue).join('; ')}`);
}

function confinedIn(files: readonly BlueprintFile[]): boolean {
  const agentFile = files.find((file) => file.path === AGENT_FILE);
  if (!agentFile) return false;
  try {
    const config = parseYaml(agentFile.content.toString('utf8'), agentSchema, AGENT_FILE);
    return config.kind === 'command' && config.confine === 'files';
  } catch {
    return false;
  }
}
