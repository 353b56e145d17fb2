import { projectPaths, type Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/log.js';
import type { RunManifest } from '../core/records.js';
import { createAgentRunner, loadBlueprint, type AgentRunner } from '../agent/index.js';
import { openModelLayer, type ModelLayerOptions } from '../llm/index.js';
import type { ModelClient, ModelLayer } from '../llm/types.js';
import { criticForSuites } from '../critic/judge.js';
import { createScorer } from '../scoring/index.js';
import type { CriticJudge } from '../scoring/types.js';
import { loadSuite } from '../suite/index.js';
import type { LoadedSuite } from '../suite/types.js';
import { episodeConcurrency, episodesFor, isCpuBoundScorer, scoringConcurrency } from './concurrency.js';
import { DurationTally, readExpectedDurations } from './expected-durations.js';
import { exampleKey } from './keys.js';
import { EpisodeInterrupted, playEpisode, type SuiteContext } from './episode.js';
import { usesCriticScorer } from './identity.js';
import { buildManifest } from './manifest.js';
import { Semaphore, runPool } from './pool.js';
import { silentProgress, type ProgressSink } from './progress.js';
import { RecordWriter } from './record-writer.js';
import { planEpisodes, readKept } from './plan.js';
import { prepareRunDir } from './run-dir.js';
import { lockRun } from './run-lock.js';
import { runFiles } from './read-records.js';
import type { Shard } from './shard.js';
import { exampleSubset } from './subset.js';
import { SummaryBuilder, type RunSummary } from './summary.js';

export interface RunOptions {
  project: Project;
  /** The agent's name; its blueprint is read from `agents/<name>/` unless `agentDir` says otherwise. */
  agent: string;
  /** A release candidate's blueprint lives in a worktree: its folder. */
  agentDir?: string;
  suites: string[];
  /** Overrides every suite's own `repeats`. */
  repeats?: number;
  /** Default: `run.seed` of agentdevel.yaml. */
  seed?: number;
  /** First repeat index; a fresh run of the same version uses another range (default 0). */
  sampleBase?: number;
  shard?: Shard;
  /**
   * Only these examples (`suite/id` keys), e.g. the gate's confirmation reruns of flipped
   * examples. Part of the run id: a subset run never shares records with the full run.
   */
  examples?: readonly string[];
  /** Rerun the records that ended in `error` (the new record supersedes the old one). */
  retryErrors?: boolean;
  /** Requests in flight per agent base URL, overriding agentdevel.yaml (does not change the run id). */
  concurrency?: number;
  /** A model layer to share (the release loop runs several versions); otherwise one is opened and closed. */
  models?: ModelLayer;
  /** Settings of the model layer opened when `models` is not given (faults of the simulated world, cache). */
  modelOptions?: Omit<ModelLayerOptions, 'simSuites' | 'logger'>;
  /** Aborting it stops the run: finished records are kept, and EINTERRUPTED is thrown. */
  signal?: AbortSignal;
  progress?: ProgressSink;
  logger?: Logger;
}

export interface RunResult {
  runId: string;
  dir: string;
  manifest: RunManifest;
  summary: RunSummary;
}

/**
 * Runs one agent version on suites: every (example, repeat) not yet recorded is played,
 * scored and journaled as it finishes. The run id is a hash of everything that determines the
 * results, so the same command resumes an interrupted run and a changed blueprint or suite
 * starts a different run.
 */
export async function executeRun(options: RunOptions): Promise<RunResult> {
  const logger = options.logger ?? silentLogger;
  const project = withConcurrency(options.project, options.concurrency);
  const endpoint = project.config.endpoints.agent;
  const blueprint = await loadBlueprint(options.agentDir ?? projectPaths.agentDir(project, options.agent));
  if (options.suites.length === 0) fail('EUSAGE', 'no suite to run: pass --suite <name>, or add suites under specs/');
  const suites: LoadedSuite[] = [];
  for (const name of options.suites) suites.push(await loadSuite(project, name));

  const simSuites = suites.map((s) => ({ name: s.name, sim: s.config.sim, examples: s.examples }));
  const models = options.models ?? (await openModelLayer(project, { ...options.modelOptions, simSuites, logger }));
  let runner: AgentRunner | undefined;
  try {
    const client = models.client('agent');
    // Asked for only when a suite needs it: an unused critic endpoint may lack its key.
    const critic = suites.some((s) => usesCriticScorer(s.config.scorer)) ? models.client('critic') : undefined;
    runner = createAgentRunner(blueprint, models, { hidden: [project.root, project.storeDir] });
    await runner.preflight?.();
    const manifest = buildManifest({
      blueprint,
      suites,
      repeats: options.repeats,
      endpoint,
      model: client.model,
      simulated: client.simulated,
      sim: project.config.sim,
      seed: options.seed ?? project.config.run.seed,
      sampleBase: options.sampleBase ?? 0,
      shard: options.shard,
      examples: exampleSubset(suites, options.examples),
      critic: critic ? { endpoint: project.config.endpoints.critic, model: critic.model, simulated: critic.simulated } : undefined,
    });
    const dir = await prepareRunDir(project.storeDir, manifest);
    const unlock = await lockRun(dir, manifest.runId);
    try {
      // Prompt agents always ask the model; a command agent's runs say "simulated world" only once it did (the summary).
      const labelSimulated = manifest.model.simulated && blueprint.config.kind === 'prompt';
      return await resumeRun({ options, project, endpoint, manifest, suites, runner, models, dir, logger, labelSimulated });
    } finally {
      await unlock();
    }
  } finally {
    await runner?.close();
    if (!options.models) await models.close();
  }
}

/** Plays what the run still lacks and sums it all up. */
async function resumeRun(input: {
  options: RunOptions;
  project: Project;
  endpoint: Project['config']['endpoints']['agent'];
  manifest: RunManifest;
  suites: LoadedSuite[];
  runner: AgentRunner;
  models: ModelLayer;
  dir: string;
  logger: Logger;
  labelSimulated: boolean;
}): Promise<RunResult> {
  const { options, project, endpoint, manifest, suites, runner, models, dir, logger, labelSimulated } = input;
  const files = runFiles(project.storeDir, manifest.runId);
  // The summary folds in the kept records now and each new one as it is written, so the
  // journal is never read back at the end.
  const builder = new SummaryBuilder(manifest);
  const done = await readKept(files.records, Boolean(options.retryErrors), builder);
  const critic = await criticForSuites(project, models, suites);
  const ran = await playAll({ options, endpoint, agent: models.client('agent'), manifest, suites, runner, done, builder, files, logger, critic, labelSimulated, storeDir: project.storeDir });
  const summary = builder.build({ roles: models.usage(), ran });
  return { runId: manifest.runId, dir, manifest, summary };
}

interface PlayContext {
  options: RunOptions;
  endpoint: Project['config']['endpoints']['agent'];
  agent: ModelClient;
  storeDir: string;
  manifest: RunManifest;
  suites: LoadedSuite[];
  runner: AgentRunner;
  done: Set<string>;
  builder: SummaryBuilder;
  files: ReturnType<typeof runFiles>;
  logger: Logger;
  /** The blind critic, when a suite is scored by it. */
  critic: CriticJudge | undefined;
  /** Whether progress says "simulated world" from the start. */
  labelSimulated: boolean;
}

/** Plays every episode not yet done; returns how many records it wrote. */
async function playAll(ctx: PlayContext): Promise<number> {
  const { options, manifest } = ctx;
  const progress = options.progress ?? silentProgress;
  const cpu = new Semaphore(scoringConcurrency());
  const contexts = new Map<string, SuiteContext>();
  for (const suite of ctx.suites) {
    const scorer = await createScorer(suite.config.scorer, { suiteDir: suite.dir, tools: suite.tools, rubric: suite.config.rubric, critic: ctx.critic });
    contexts.set(suite.name, { suite, scorer, cpu: isCpuBoundScorer(suite.config.scorer) ? cpu : undefined });
  }
  const expected = await readExpectedDurations(ctx.storeDir, manifest.agent);
  const plan = planEpisodes(manifest, contexts, ctx.done, expected);
  const concurrency = plan.remaining > 0 ? await episodeLimit(ctx) : 1;
  const durations = new DurationTally();
  const stop = new AbortController();
  const live = new Set<AbortController>();
  stop.signal.addEventListener('abort', () => {
    for (const controller of live) controller.abort(stop.signal.reason);
  });
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const writer = await RecordWriter.open(ctx.files.records);
  let ran = 0;
  progress.start({ runId: manifest.runId, total: manifest.recordCount, done: ctx.done.size, simulated: ctx.labelSimulated });
  const order = plan.ordered ? ', longest expected first' : '';
  ctx.logger.debug(`run ${manifest.runId}: ${plan.remaining} episodes to play, ${typeof concurrency === 'number' ? concurrency : `${concurrency()} (following the server)`} at once${order}`);
  const episode = { runId: manifest.runId, runner: ctx.runner, signal: stop.signal, live };
  try {
    await runPool(
      plan.items,
      concurrency,
      async (item) => {
        try {
          const record = await playEpisode(episode, item);
          await writer.write(record);
          durations.add(exampleKey(record.suite, record.exampleId), record.durationMs);
          ctx.builder.add(record);
          ran++;
          progress.record(record.status, record.usage.promptTokens + record.usage.completionTokens);
        } catch (error) {
          // A fatal error (bad configuration, a store that cannot be written) stops the episodes in flight too.
          if (!(error instanceof EpisodeInterrupted)) stop.abort(error);
          throw error;
        }
      },
      () => stop.signal.aborted,
    );
  } catch (error) {
    if (!(error instanceof EpisodeInterrupted)) throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    progress.stop();
    await writer.close();
    await durations.save(ctx.storeDir, manifest.agent, expected).catch((error: unknown) => ctx.logger.warn(`episode durations not saved (the next run starts in plain order): ${(error as Error).message}`));
  }
  if (options.signal?.aborted) {
    fail('EINTERRUPTED', `run ${manifest.runId} interrupted after ${ran} new record${ran === 1 ? '' : 's'}`, {
      details: 'Finished records are journaled. Rerun the same command to resume: only the missing records are played.',
    });
  }
  return ran;
}

/**
 * Episodes in flight: fixed by the configured concurrency, or (capacity: auto) following the
 * requests the agent's servers can take now, as discovered or adapted by the model layer.
 */
async function episodeLimit(ctx: PlayContext): Promise<number | (() => number)> {
  const fixed = episodeConcurrency(ctx.endpoint);
  if (ctx.endpoint.capacity !== 'auto' || !ctx.agent.followCapacity || !ctx.agent.inFlightLimit) return fixed;
  const reports = await ctx.agent.followCapacity();
  for (const r of reports) ctx.logger.debug(`agent endpoint ${r.url}${r.engine ? ` (${r.engine})` : ''}: ${r.describe}; ${r.limit} requests in flight now`);
  const limit = ctx.agent.inFlightLimit.bind(ctx.agent);
  return () => episodesFor(limit() ?? ctx.endpoint.concurrency);
}

function withConcurrency(project: Project, concurrency: number | undefined): Project {
  if (concurrency === undefined) return project;
  const endpoints = { ...project.config.endpoints, agent: { ...project.config.endpoints.agent, concurrency } };
  return { ...project, config: { ...project.config, endpoints } };
}
