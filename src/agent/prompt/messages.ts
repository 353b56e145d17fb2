import { taskText, type PromptAgentConfig } from '../../config/index.js';
import { fail } from '../../core/errors.js';
import type { ChatMessage } from '../../llm/types.js';
import type { LoadedExample } from '../../suite/types.js';
import type { Blueprint } from '../types.js';
import { blueprintPath } from '../blueprint-path.js';

/** The system prompt: the agent's `system` files, in the order listed, joined by a blank line. */
export function systemPrompt(blueprint: Blueprint, config: PromptAgentConfig): string {
  const paths = Array.isArray(config.system) ? config.system : [config.system];
  return paths
    .map((path) => {
      const file = blueprint.files.find((f) => f.path === blueprintPath(path));
      if (!file) return fail('ECONFIG', `${blueprint.name}/agent.yaml: system: file "${path}" not found in the blueprint`);
      return file.content.toString('utf8').trimEnd();
    })
    .join('\n\n');
}

const conversationRoles = new Set(['system', 'user', 'assistant']);

/**
 * The conversation after the system prompt: the example's own `messages` when its input has
 * them (multi-turn benchmarks), else one user turn with the task text.
 */
export function taskMessages(example: LoadedExample): ChatMessage[] {
  const input = example.input;
  const given = typeof input === 'object' ? input.messages : undefined;
  if (given === undefined) return [{ role: 'user', content: taskText(input) }];
  if (!Array.isArray(given) || given.length === 0) badMessages(example, 'expected a non-empty list of messages');
  return given.map((message: unknown, i: number): ChatMessage => {
    const m = message as { role?: unknown; content?: unknown } | null;
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string' || !conversationRoles.has(m.role) || typeof m.content !== 'string') {
      return badMessages(example, `[${i}]: expected { role: system | user | assistant, content: text }`);
    }
    return { role: m.role as 'system' | 'user' | 'assistant', content: m.content };
  });
}

function badMessages(example: LoadedExample, message: string): never {
  return fail('ECONFIG', `suite ${example.suite}: example ${example.id}: input.messages${message.startsWith('[') ? message : `: ${message}`}`);
}
