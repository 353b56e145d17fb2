import type { Project } from '../../config/index.js';
import { loadBlueprint } from '../../agent/index.js';
import { fail } from '../../core/errors.js';
import { iterationFile, markCompleted, writeFileAtomic, writeJsonAtomic, type IterationState } from '../../store/index.js';
import { INTENT_FILE, RC_PATCH_FILE, validatePatch, type SynthesizeStageResult } from '../../synthesis/index.js';
import type { StoredVersion } from './stored-stages.js';
import { writeBlueprintFiles } from './version-checkout.js';

/**
 * A dry run's release candidate: the engineer's patch (already validated by synthesize, which
 * committed nothing) applied in memory to the version's files and written under the dry run's
 * store, with rc.patch and intent.json beside the iteration's other files. No git is written.
 */
export async function dryCandidate(project: Project, state: IterationState, version: StoredVersion, made: SynthesizeStageResult): Promise<StoredVersion> {
  const blueprint = await loadBlueprint(version.dir);
  if (made.patch === undefined || made.intent === undefined) return fail('EINTERNAL', `synthesize's dry run of iteration ${state.n} returned no patch`);
  const verdict = validatePatch(made.patch, { agentName: blueprint.name, files: blueprint.files, editable: blueprint.config.editable, maxPatchBytes: project.config.synthesis.maxPatchBytes });
  if (!verdict.ok) return fail('EINTERNAL', `the patch synthesize accepted in iteration ${state.n} does not apply to ${version.label}: ${verdict.message}`);
  const dir = await writeBlueprintFiles(project.storeDir, state.agent, verdict.candidateHash, verdict.tree);
  await writeFileAtomic(iterationFile(project.storeDir, state.agent, state.n, RC_PATCH_FILE), made.patch.endsWith('\n') ? made.patch : `${made.patch}\n`);
  await writeJsonAtomic(iterationFile(project.storeDir, state.agent, state.n, INTENT_FILE), made.intent);
  await markCompleted(project.storeDir, state, 'synthesize');
  return { label: `rc-${state.n} (dry run)`, commit: null, dir, files: verdict.tree };
}
