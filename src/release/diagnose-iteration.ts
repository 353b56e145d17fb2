import type { Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { RunManifest } from '../core/records.js';
import { readSecret } from '../core/secrets.js';
import { loadTaxonomy } from '../critic/taxonomy.js';
import { runDiagnoseStage, type DiagnoseStageResult } from '../diagnosis/index.js';
// The run module's read side only: its index pulls in the whole execution engine (agents, model layer).
import { readRunManifest, readRunRecords } from '../run/read-records.js';
import type { IterationState } from '../store/index.js';

export interface DiagnoseIterationInput {
  /** The must-pass examples (`suite/id`) of the baseline run's suites. */
  mustPass: (manifest: RunManifest) => readonly string[] | Promise<readonly string[]>;
  /** Regressions the line's earlier promotions accepted (knownRegressionsOf the ledger). */
  knownRegressions?: ReadonlyArray<{ key: string; iteration: number }>;
  logger: Logger;
}

/**
 * The diagnose stage of an iteration whose baseline run is critiqued (`agentdevel diagnose` and
 * the release loop; ENOT_FOUND before its baseline run): the baseline's records and critiques, the taxonomy's descriptions, the
 * must-pass examples and the project's own scripts (with every endpoint key withheld from their
 * environment). Returns the stage's result and the baseline run (id and manifest).
 */
export async function diagnoseIteration(project: Project, state: IterationState, input: DiagnoseIterationInput): Promise<DiagnoseStageResult & { runId: string; manifest: RunManifest }> {
  const runId = state.baselineRunId;
  if (runId === undefined) {
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${state.agent}" has no baseline run`, { details: 'Critique a run first: `agentdevel critique --run <runId>` starts the iteration.' });
  }
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
      mustPass: [...(await input.mustPass(manifest))],
      labelDescriptions: Object.fromEntries(taxonomy.labels.map((l) => [l.label, l.description])),
      ...(input.knownRegressions && input.knownRegressions.length > 0 ? { knownRegressions: input.knownRegressions } : {}),
    },
    scripts: project.config.diagnosis.scripts,
    withheldEnv,
    logger: input.logger,
  });
  return { ...result, runId, manifest };
}
