import type { Project, ScorerConfig } from '../config/index.js';
import type { ModelLayer } from '../llm/types.js';
import type { CriticJudge } from '../scoring/types.js';
import type { LoadedSuite } from '../suite/types.js';
import { blindView } from './blind-view.js';
import { askCritic, type CriticCallContext } from './call.js';
import { loadTaxonomy } from './taxonomy.js';

/**
 * The critic as a scorer (`scorer: {kind: critic}`): the same blind view, without an outcome
 * (it is being decided), and the same call with its retries. The run stage gives it to the
 * scorer through the scorer context.
 */
export function criticJudge(ctx: Omit<CriticCallContext, 'signal'>): CriticJudge {
  return async ({ example, output, trace, rubric, signal }) => {
    const answer = await askCritic(blindView(example, { output, trace }, rubric), { ...ctx, ...(signal ? { signal } : {}) });
    return { verdict: answer.verdict, symptoms: answer.symptoms, ...(answer.error === undefined ? {} : { error: answer.error }) };
  };
}

/**
 * The judge a run needs when any of its suites is scored by the critic, else undefined: the
 * critic role's client, the project's taxonomy and attempts.
 */
export async function criticForSuites(project: Project, models: ModelLayer, suites: readonly LoadedSuite[]): Promise<CriticJudge | undefined> {
  if (!suites.some((suite) => usesCritic(suite.config.scorer))) return undefined;
  const taxonomy = await loadTaxonomy(project.config.critic.labels);
  return criticJudge({ client: models.client('critic'), taxonomy, maxAttempts: project.config.critic.maxAttempts });
}

function usesCritic(config: ScorerConfig): boolean {
  return config.kind === 'critic' || (config.kind === 'all' && config.scorers.some(usesCritic));
}
