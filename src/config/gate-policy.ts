import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from '../core/errors.js';
import { projectPaths, type Project } from './project.js';
import { gatePolicySchema, type GatePolicy } from './schemas/gate.js';
import { loadYamlFile } from './yaml-file.js';

/** The policies agentdevel ships in its own gates/ folder, usable by name in any project. */
export const SHIPPED_GATES = ['default', 'strict', 'lenient'] as const;
const SHIPPED_DIR = fileURLToPath(new URL('../../gates/', import.meta.url));

/**
 * Loads a policy by name (`gates/<name>.yaml` of the project, else the shipped policy of that
 * name) or by path. A project's own file wins, so a team can tune `default` in its repository.
 */
export async function loadGatePolicy(project: Project, nameOrPath: string): Promise<GatePolicy & { name: string }> {
  const byPath = /[\\/]|\.ya?ml$/.test(nameOrPath);
  const path = byPath ? nameOrPath : projectPaths.gateFile(project, nameOrPath);
  const shipped = !byPath && (SHIPPED_GATES as readonly string[]).includes(nameOrPath) ? join(SHIPPED_DIR, `${nameOrPath}.yaml`) : undefined;
  const found = (await readable(path)) ? path : shipped && (await readable(shipped)) ? shipped : undefined;
  if (!found) {
    return fail('ENOT_FOUND', `gate policy "${nameOrPath}" not found (looked for ${path})`, {
      details: `Create it under gates/, or use one of the shipped policies: ${SHIPPED_GATES.join(', ')}.`,
    });
  }
  const policy = await loadYamlFile(found, gatePolicySchema, project.root);
  return { ...policy, name: policy.name ?? nameOrPath };
}

async function readable(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
