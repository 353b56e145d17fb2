import type { PromptAgentConfig } from '../../config/index.js';
import { maskValue } from '../../core/secrets.js';
import type { ModelLayer } from '../../llm/types.js';
import { EpisodeClock } from '../episode-clock.js';
import { outcomeOfError } from '../outcome.js';
import { OBSERVATION_LIMIT } from '../tool-format.js';
import { EpisodeTrace } from '../trace.js';
import type { AgentRunner, AgentRunnerOptions, Blueprint, EpisodeInput, EpisodeOutcome, EpisodeResult } from '../types.js';
import { runToolLoop, type PromptAgentOutput } from './loop.js';
import { systemPrompt } from './messages.js';

/** Runs a `kind: prompt` blueprint: its system prompt and the suite's tools in a loop over the agent role's model. */
export function createPromptRunner(blueprint: Blueprint, config: PromptAgentConfig, models: ModelLayer, options: AgentRunnerOptions = {}): AgentRunner {
  const system = systemPrompt(blueprint, config);
  const context = { config, client: models.client('agent'), system, observationLimit: options.observationLimit ?? OBSERVATION_LIMIT };
  return {
    async runEpisode(input: EpisodeInput): Promise<EpisodeResult> {
      const clock = new EpisodeClock(input.timeoutMs, input.signal);
      const trace = new EpisodeTrace();
      const output: PromptAgentOutput = { answer: null, toolCalls: [] };
      let outcome: EpisodeOutcome;
      try {
        outcome = await runToolLoop(context, input, clock, trace, output);
      } catch (error) {
        outcome = outcomeOfError(error, clock);
      } finally {
        clock.stop();
      }
      if (outcome.status === 'completed') trace.final(output);
      else trace.error(outcome.reason, outcome.status === 'error' ? outcome.code : undefined);
      return maskValue({ output, trace: trace.events, usage: trace.usage, outcome });
    },
    async close() {},
  };
}
