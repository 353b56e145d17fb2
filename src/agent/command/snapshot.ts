import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Blueprint } from '../types.js';

/**
 * Writes the blueprint's files (exactly those hashed) into a fresh folder, read-only, so that a
 * command agent runs what its run id names even if the agent folder changes meanwhile, and no
 * episode can change the files another one reads.
 */
export async function writeSnapshot(blueprint: Blueprint, tempRoot: string): Promise<string> {
  const root = await mkdtemp(join(tempRoot, `agentdevel-agent-${blueprint.name}-`));
  for (const file of blueprint.files) {
    const path = join(root, ...file.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.executable ? 0o555 : 0o444);
  }
  return root;
}

export async function removeFolder(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}
