import type { ModelLayer } from '../llm/types.js';
import { createCommandRunner } from './command/runner.js';
import { createPromptRunner } from './prompt/runner.js';
import type { AgentRunner, AgentRunnerOptions, Blueprint } from './types.js';

/**
 * The runner of a blueprint: its episodes call the model layer's `agent` role. Command agents
 * start their recording proxy on the first episode; `close()` stops it.
 */
export function createAgentRunner(blueprint: Blueprint, models: ModelLayer, options: AgentRunnerOptions = {}): AgentRunner {
  const config = blueprint.config;
  switch (config.kind) {
    case 'prompt':
      return createPromptRunner(blueprint, config, models, options);
    case 'command':
      return createCommandRunner(blueprint, config, models, options);
  }
}
