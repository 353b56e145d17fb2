import type { Project } from '../../config/index.js';
import type { RunManifest } from '../../core/records.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { readRunManifest } from '../../run/index.js';

/** What the runs of an iteration say about how its evidence was made, for the ledger line. */
export interface Evidence {
  suites: LedgerEntry['suites'];
  models: LedgerEntry['models'];
  simulated: boolean;
  /** When the iteration's first run was made. */
  startedAt: string | null;
}

/**
 * Reads the baseline's and the candidate's run manifests: the suites and their content hashes,
 * the agent's model and effective sampling (the candidate's too when its blueprint changed
 * them), and the critic's and engineer's settings from agentdevel.yaml. Never a key: endpoints
 * name an environment variable, and manifests drop URL credentials.
 */
export async function gatherEvidence(project: Project, runs: { baseline?: string | undefined; candidate?: string | undefined }): Promise<Evidence> {
  const baseline = runs.baseline ? await readRunManifest(project.storeDir, runs.baseline) : undefined;
  const candidate = runs.candidate ? await readRunManifest(project.storeDir, runs.candidate) : undefined;
  const manifests = [baseline, candidate].filter((m): m is RunManifest => m !== undefined);
  const suites = new Map<string, string>();
  for (const manifest of manifests) for (const suite of manifest.suites) if (!suites.has(suite.name)) suites.set(suite.name, suite.hash);

  const models: LedgerEntry['models'] = {};
  const agentModel = (m: RunManifest) => ({ model: m.model.model, simulated: m.model.simulated, sampling: m.model.sampling });
  if (baseline) models.agent = agentModel(baseline);
  if (candidate && (!baseline || JSON.stringify(agentModel(candidate)) !== JSON.stringify(models.agent))) models[baseline ? 'agent-candidate' : 'agent'] = agentModel(candidate);
  for (const role of ['critic', 'engineer'] as const) {
    const endpoint = project.config.endpoints[role];
    models[role] = { model: endpoint.model ?? null, simulated: endpoint.baseURL === 'sim', sampling: { ...endpoint.sampling } };
  }
  const created = manifests.map((m) => m.createdAt).sort();
  return {
    suites: [...suites].map(([name, hash]) => ({ name, hash })),
    models,
    simulated: Object.values(models).some((m) => m.simulated),
    startedAt: created[0] ?? null,
  };
}
