import type { Logger } from '../core/log.js';
import { openModelLayer } from '../llm/index.js';
import type { IterationState } from '../store/index.js';
import type { EngineerBrief } from './diagnosis-input.js';
import type { CommittedBlueprint } from './git/read-blueprint.js';
import { simSuitesFor } from './sim-suites.js';
import type { SynthesizeStageOptions } from './stage-types.js';
import { synthesizeCandidate } from './synthesize.js';

/** The engineer's change for the committed blueprint, through the shared model layer or one of its own. */
export async function askEngineer(options: SynthesizeStageOptions, state: IterationState, brief: EngineerBrief, committed: CommittedBlueprint, logger: Logger) {
  const { project } = options;
  const simulated = project.config.endpoints.engineer.baseURL === 'sim';
  const models = options.models ?? (await openModelLayer(project, { simSuites: simulated ? await simSuitesFor(project, state) : [], logger }));
  try {
    const client = models.client('engineer');
    const result = await synthesizeCandidate({
      blueprint: committed.blueprint,
      symlinks: committed.symlinks,
      spec: brief.spec,
      exemplars: brief.exemplars,
      client,
      limits: project.config.synthesis,
      ...(options.refusals ? { refused: await options.refusals(state.n) } : {}),
      // Each iteration draws its own reply; a rerun of the same iteration replays it from the cache.
      sampleIndex: state.n,
      ...(options.signal ? { signal: options.signal } : {}),
      logger,
    });
    return { result, engineer: { model: client.model, simulated: client.simulated } };
  } finally {
    if (!options.models) await models.close();
  }
}
