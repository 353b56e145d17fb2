import { readFile, realpath } from 'node:fs/promises';
import type { Project } from '../config/index.js';
import type { Logger } from '../core/log.js';
import type { Repo } from '../core/git/index.js';
import { storeLayout, type IterationState } from '../store/index.js';
import type { CommittedBlueprint } from './git/read-blueprint.js';

/** The agent folder's path inside the repository (the project may sit in a subfolder of it). */
export async function agentPathIn(repo: Repo, projectRoot: string, agent: string): Promise<string> {
  const root = await realpath(projectRoot);
  const rel = root === repo.root ? '' : root.slice(repo.root.length + 1).split(/[\\/]/).join('/');
  return rel === '' ? `agents/${agent}` : `${rel}/agents/${agent}`;
}

/** A baseline run of other files than the version line (an uncommitted edit, say) is worth a warning. */
export async function warnIfBaselineDiffers(project: Project, state: IterationState, committed: CommittedBlueprint, logger: Logger): Promise<void> {
  if (!state.baselineRunId) return;
  try {
    const manifest = JSON.parse(await readFile(storeLayout(project.storeDir).runManifest(state.baselineRunId), 'utf8')) as { blueprintHash?: string };
    if (manifest.blueprintHash && manifest.blueprintHash !== committed.blueprint.hash) {
      logger.warn(
        `the baseline run ${state.baselineRunId} played blueprint ${manifest.blueprintHash.slice(0, 12)}, but the version line holds ${committed.blueprint.hash.slice(0, 12)}: the RC changes the version line's files (commit the agent before running, so the two agree)`,
      );
    }
  } catch {
    // No manifest to compare with: nothing to say.
  }
}
