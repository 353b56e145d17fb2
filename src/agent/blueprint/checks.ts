import type { AgentConfig } from '../../config/index.js';
import type { ConfigIssue } from '../../config/index.js';
import { blueprintPath } from '../blueprint-path.js';
import type { BlueprintFile } from '../types.js';

/**
 * Environment names a command agent may not take from its parent: agentdevel sets them (the
 * recording proxy's address and per-episode token, the episode's own folders). Passing a real
 * OPENAI_API_KEY through would let the program bypass the proxy and leak the key.
 */
export const RESERVED_ENV = ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'HOME', 'TMPDIR'] as const;
const RESERVED_PREFIX = 'AGENTDEVEL_';

/** What the schema cannot see: the files agent.yaml names exist, globs stay inside, env names are allowed. */
export function checkAgainstFiles(config: AgentConfig, files: ReadonlyArray<BlueprintFile>, file: string): ConfigIssue[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ file, path, message });

  config.editable.forEach((glob, i) => {
    if (glob.startsWith('/') || glob.split('/').includes('..')) issue(`editable[${i}]`, `"${glob}" must be relative to the agent folder and stay inside it`);
  });

  if (config.kind === 'prompt') {
    const system = Array.isArray(config.system) ? config.system : [config.system];
    system.forEach((path, i) => {
      const where = Array.isArray(config.system) ? `system[${i}]` : 'system';
      if (!byPath.has(blueprintPath(path))) issue(where, `file "${path}" not found in the agent folder`);
    });
    return issues;
  }

  config.command.forEach((arg, i) => {
    if (!arg.startsWith('./')) return;
    const found = byPath.get(blueprintPath(arg));
    if (!found) issue(`command[${i}]`, `file "${arg}" not found in the agent folder (paths starting with ./ are relative to it)`);
    else if (i === 0 && !found.executable) issue('command[0]', `"${arg}" is not executable: run \`chmod +x\` on it, or name its interpreter first (e.g. [node, ${arg}])`);
  });
  config.env.forEach((name, i) => {
    if ((RESERVED_ENV as readonly string[]).includes(name) || name.startsWith(RESERVED_PREFIX)) {
      issue(`env[${i}]`, `${name} is set by agentdevel for every episode and cannot be passed through`);
    }
  });
  return issues;
}
