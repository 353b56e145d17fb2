import type { Project } from '../config/index.js';
import type { CritiqueRecord } from '../core/critique.js';
import { fail } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/log.js';
import type { RunManifest, RunRecord } from '../core/records.js';
import { openModelLayer, type ModelLayerOptions } from '../llm/index.js';
import type { ModelLayer, RoleUsage } from '../llm/types.js';
import { readRunManifest, readRunRecords } from '../run/read-records.js';
import { lockRun } from '../run/run-lock.js';
import { iterationFile, markCompleted, storeLayout, type IterationState } from '../store/index.js';
import type { LoadedSuite } from '../suite/types.js';
import { iterationForRun } from './iteration.js';
import { CRITIQUE_FILE, CritiqueWriter, critiqueKey, readCritiques } from './journal.js';
import { recordSelection, suitesOfRun } from './run-inputs.js';
import { selectionOf, type Selectable } from './select.js';
import { critiqueEach, criticOptionsOf, type CriticOptions } from './stage.js';
import { summariseCritiques, type CritiqueSummary } from './summary.js';
import { loadTaxonomy, type Taxonomy } from './taxonomy.js';

export interface CritiqueRunOptions {
  project: Project;
  runId: string;
  /** Default: the latest iteration about this run if undecided, else a new one. */
  iteration?: number;
  /** A model layer to share (the release loop); otherwise one is opened and closed. */
  models?: ModelLayer;
  /** Settings of the model layer opened when `models` is not given (cache, simulated faults). */
  modelOptions?: Omit<ModelLayerOptions, 'simSuites' | 'logger'>;
  critic?: Partial<CriticOptions>;
  /** Aborting it stops the critique: finished critiques are kept, and EINTERRUPTED is thrown. */
  signal?: AbortSignal;
  /** Called once the work is known: records selected, of which already critiqued, and the iteration. */
  onPlan?: (plan: { selected: number; done: number; iteration: number }) => void;
  /** Called with each new critique once it is queued for the journal (progress). */
  onCritique?: (critique: CritiqueRecord) => void;
  logger?: Logger;
}

export interface CritiqueRunResult {
  runId: string;
  agent: string;
  iteration: IterationState;
  /** The critique journal. */
  file: string;
  /** Critiques made by this invocation, and those found already made (resume). */
  added: number;
  resumed: number;
  /** Over every critique in the file. */
  summary: CritiqueSummary;
  critic: { model: string; simulated: boolean; usage: RoleUsage };
  taxonomyVersion: number;
}

/**
 * `agentdevel critique`: critiques a finished run into `iterations/<agent>/<n>/critique.jsonl`
 * (journaled; a rerun skips what is done), then marks the iteration's critique stage completed.
 */
export async function critiqueRun(options: CritiqueRunOptions): Promise<CritiqueRunResult> {
  const { project, runId } = options;
  const manifest = await readRunManifest(project.storeDir, runId);
  const picks = await recordSelection(project.storeDir, manifest);
  const suites = await suitesOfRun(project, manifest);
  const taxonomy = await loadTaxonomy(project.config.critic.labels);
  const iteration = await iterationForRun(project.storeDir, manifest.agent, runId, options.iteration);
  const dir = storeLayout(project.storeDir).iterationDir(manifest.agent, iteration.n);
  // One writer per critique journal, as one per run journal.
  const unlock = await lockRun(dir, `${runId} (critique of iteration ${iteration.n} of ${manifest.agent})`);
  let models = options.models;
  try {
    const simSuites = suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
    models ??= await openModelLayer(project, { ...options.modelOptions, simSuites, logger: options.logger ?? silentLogger });
    return await critiqueInto(iteration, { options, manifest, picks, suites, taxonomy, models });
  } finally {
    if (!options.models) await models?.close();
    await unlock();
  }
}

interface Prepared {
  options: CritiqueRunOptions;
  manifest: RunManifest;
  picks: Selectable[];
  suites: LoadedSuite[];
  taxonomy: Taxonomy;
  models: ModelLayer;
}

/** Critiques what the iteration's journal still lacks, then marks the stage completed. */
async function critiqueInto(start: IterationState, { options, manifest, picks, suites, taxonomy, models }: Prepared): Promise<CritiqueRunResult> {
  const { project, runId } = options;
  const file = iterationFile(project.storeDir, manifest.agent, start.n, CRITIQUE_FILE);
  const before = await readCritiques(file, runId);
  const done = new Set(before.map(critiqueKey));
  const client = models.client('critic');
  const critic = criticOptionsOf(project, { ...options.critic, ...(options.signal ? { signal: options.signal } : {}) });
  const chosen = selectionOf(picks, { samplePasses: critic.samplePasses, seed: critic.seed ?? 0 });
  options.onPlan?.({ selected: picks.filter(chosen).length, done: done.size, iteration: start.n });

  const added: CritiqueRecord[] = [];
  const writer = await CritiqueWriter.open(file);
  try {
    const todo = filterRecords(readRunRecords(project.storeDir, runId), (r) => chosen(r) && !done.has(critiqueKey(r)));
    for await (const critique of critiqueEach(todo, { suites, client, taxonomy, options: critic })) {
      writer.write(critique);
      added.push(critique);
      options.onCritique?.(critique);
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  } finally {
    await writer.close();
  }
  if (options.signal?.aborted) {
    fail('EINTERRUPTED', `critique of run ${runId} interrupted after ${added.length} new critique${added.length === 1 ? '' : 's'}`, {
      details: 'Finished critiques are journaled. Rerun the same command to resume: only the missing ones are made.',
    });
  }
  const iteration = await markCompleted(project.storeDir, start, 'critique', { baselineRunId: runId });
  return {
    runId,
    agent: manifest.agent,
    iteration,
    file,
    added: added.length,
    resumed: before.length,
    summary: summariseCritiques([...before, ...added]),
    critic: { model: client.model, simulated: client.simulated, usage: models.usage().critic },
    taxonomyVersion: taxonomy.version,
  };
}

async function* filterRecords(records: AsyncIterable<RunRecord>, keep: (record: RunRecord) => boolean): AsyncGenerator<RunRecord> {
  for await (const record of records) if (keep(record)) yield record;
}
