import type { Project } from '../../config/index.js';
import type { Logger } from '../../core/log.js';
import { readSecret } from '../../core/secrets.js';
import { loadTaxonomy } from '../../critic/taxonomy.js';
import { runDiagnoseStage } from '../../diagnosis/index.js';
import { readRunManifest, readRunRecords } from '../../run/read-records.js';
import type { IterationState } from '../../store/index.js';
import type { LoadedSuite } from '../../suite/types.js';

/**
 * The diagnose stage as `agentdevel diagnose` runs it: the baseline's records and critiques, the
 * taxonomy's descriptions, the suites' must-pass examples and the project's own scripts (with
 * every endpoint key withheld from their environment).
 */
export async function diagnoseIteration(project: Project, state: IterationState, suites: readonly LoadedSuite[], logger: Logger): Promise<IterationState> {
  const runId = state.baselineRunId!;
  const manifest = await readRunManifest(project.storeDir, runId);
  const taxonomy = await loadTaxonomy(project.config.critic.labels);
  const withheldEnv = Object.values(project.config.endpoints).flatMap((endpoint) => (endpoint.apiKeyEnv ? [endpoint.apiKeyEnv] : []));
  for (const name of withheldEnv) readSecret(name); // registered, so a script that prints one is masked
  const result = await runDiagnoseStage({
    storeDir: project.storeDir,
    root: project.root,
    state,
    records: () => readRunRecords(project.storeDir, runId),
    options: {
      agent: state.agent,
      iteration: state.n,
      simulated: manifest.model.simulated,
      mustPass: suites.flatMap((suite) => suite.config.mustPass.map((id) => `${suite.name}/${id}`)),
      labelDescriptions: Object.fromEntries(taxonomy.labels.map((l) => [l.label, l.description])),
    },
    scripts: project.config.diagnosis.scripts,
    withheldEnv,
    logger,
  });
  return result.state;
}
