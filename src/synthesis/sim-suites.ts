import { readFile } from 'node:fs/promises';
import type { Project } from '../config/index.js';
import type { SimSuiteInput } from '../llm/sim/types.js';
import { storeLayout, type IterationState } from '../store/index.js';
import { loadSuites } from '../suite/index.js';

/**
 * The suites the simulated world plays while it is the engineer: those of the iteration's
 * baseline run (from its manifest), else the release's suites, else every suite. Only the
 * world reads them; the engineer request never carries them.
 */
export async function simSuitesFor(project: Project, state: IterationState): Promise<SimSuiteInput[]> {
  const names = (await baselineSuites(project, state)) ?? project.config.release.suites;
  const suites = await loadSuites(project, names);
  return suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
}

async function baselineSuites(project: Project, state: IterationState): Promise<string[] | undefined> {
  if (!state.baselineRunId) return undefined;
  try {
    const manifest = JSON.parse(await readFile(storeLayout(project.storeDir).runManifest(state.baselineRunId), 'utf8')) as { suites?: Array<{ name?: unknown }> };
    const names = (manifest.suites ?? []).map((s) => s.name).filter((name): name is string => typeof name === 'string');
    return names.length > 0 ? names : undefined;
  } catch {
    return undefined;
  }
}
