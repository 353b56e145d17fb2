import type { Project } from '../config/index.js';
import type { CritiqueRecord } from '../core/critique.js';
import type { RunRecord } from '../core/records.js';
import type { ModelClient } from '../llm/types.js';
import type { LoadedSuite } from '../suite/types.js';
import { blindViewOfRecord } from './blind-view.js';
import { askCritic } from './call.js';
import { mapConcurrent } from './concurrent.js';
import { ExampleIndex } from './examples.js';
import { isCritiquable, selectForCritique } from './select.js';
import type { Taxonomy } from './taxonomy.js';

export interface CriticOptions {
  /** Calls per record before it is recorded as unlabelled (critic.maxAttempts). */
  maxAttempts: number;
  /** Share of dev passes critiqued (critic.samplePasses). */
  samplePasses: number;
  /** Seeds the sample of passes (default 0). */
  seed?: number;
  /**
   * Critiques started at once (default 256). The critic client's limiter bounds the requests
   * actually in flight; this only keeps a long run from becoming a million pending promises.
   */
  inFlight?: number;
  signal?: AbortSignal;
}

export interface CritiqueContext {
  /** The suites the records were run on: the task input and rubric come from them. */
  suites: readonly LoadedSuite[];
  /** The critic role's client. */
  client: ModelClient;
  taxonomy: Taxonomy;
  options: CriticOptions;
}

const DEFAULT_IN_FLIGHT = 256;

/** The project's critic settings, seeded by its run seed. */
export function criticOptionsOf(project: Project, overrides: Partial<CriticOptions> = {}): CriticOptions {
  const { maxAttempts, samplePasses } = project.config.critic;
  return { maxAttempts, samplePasses, seed: project.config.run.seed, ...overrides };
}

/**
 * The critique stage without files, for the release loop and the study: selects the records
 * to critique (every dev fail, a seeded sample of dev passes) and yields one critique per
 * record as it comes back (not in record order).
 */
export function critiqueRecords(records: readonly RunRecord[], ctx: CritiqueContext): AsyncGenerator<CritiqueRecord> {
  return critiqueEach(selectForCritique(records, { samplePasses: ctx.options.samplePasses, seed: ctx.options.seed ?? 0 }), ctx);
}

/** Critiques the records given, as they stream in; any that is not a dev pass or fail is skipped. */
export function critiqueEach(records: Iterable<RunRecord> | AsyncIterable<RunRecord>, ctx: CritiqueContext): AsyncGenerator<CritiqueRecord> {
  const index = new ExampleIndex(ctx.suites);
  const call = { client: ctx.client, taxonomy: ctx.taxonomy, maxAttempts: ctx.options.maxAttempts, ...(ctx.options.signal ? { signal: ctx.options.signal } : {}) };
  return mapConcurrent(onlyCritiquable(records), ctx.options.inFlight ?? DEFAULT_IN_FLIGHT, async (record): Promise<CritiqueRecord> => {
    const { example, rubric } = index.get(record.suite, record.exampleId);
    const status = record.status as 'pass' | 'fail';
    const answer = await askCritic(blindViewOfRecord({ ...record, status }, example, rubric), call);
    return {
      runId: record.runId,
      suite: record.suite,
      exampleId: record.exampleId,
      repeat: record.repeat,
      status,
      verdict: answer.verdict,
      symptoms: answer.symptoms,
      taxonomyVersion: ctx.taxonomy.version,
      critic: { model: ctx.client.model, simulated: ctx.client.simulated, attempts: answer.attempts, cached: answer.cached },
      usage: answer.usage,
      ...(answer.error === undefined ? {} : { error: answer.error }),
    };
  });
}

async function* onlyCritiquable(records: Iterable<RunRecord> | AsyncIterable<RunRecord>): AsyncGenerator<RunRecord> {
  for await (const record of records) if (isCritiquable(record)) yield record;
}
