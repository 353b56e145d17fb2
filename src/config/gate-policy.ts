import { fail } from '../core/errors.js';
import { projectPaths, type Project } from './project.js';
import { gatePolicySchema, type GatePolicy } from './schemas/gate.js';
import { loadYamlFile } from './yaml-file.js';
import { access } from 'node:fs/promises';

/** Loads `gates/<name>.yaml`, or a path to a policy file. */
export async function loadGatePolicy(project: Project, nameOrPath: string): Promise<GatePolicy & { name: string }> {
  const path = /[\\/]|\.ya?ml$/.test(nameOrPath) ? nameOrPath : projectPaths.gateFile(project, nameOrPath);
  try {
    await access(path);
  } catch {
    fail('ENOT_FOUND', `gate policy "${nameOrPath}" not found (looked for ${path})`, { details: 'Create it under gates/, or use one of the shipped policies: default, lenient.' });
  }
  const policy = await loadYamlFile(path, gatePolicySchema, project.root);
  return { ...policy, name: policy.name ?? nameOrPath };
}
