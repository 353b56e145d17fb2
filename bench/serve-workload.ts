import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unitHash } from '../src/core/hash.js';
import { estimateTokens, textOf } from '../src/llm/sim/tokens.js';
import type { SimChatRequest, SimReply, SimResponder } from '../src/llm/sim/types.js';

/**
 * The mixed agent workload of `npm run bench:serve`: episodes of 1 to 12 model calls, each
 * generating 50 to 1,500 tokens, every call resending a 1,500-token system prompt shared by all
 * of them. Drawn from a fixed seed, so every configuration plays exactly the same work.
 */
export const MAX_STEPS = 12;
export const SYSTEM_TOKENS = 1_500;

/** A system prompt of exactly SYSTEM_TOKENS tokens (4 characters each). */
export const SYSTEM_PROMPT = 'You are a careful research assistant. Gather every note with the lookup tool before you answer. '
  .repeat(100)
  .slice(0, 4 * SYSTEM_TOKENS);

export interface EpisodePlan {
  /** Completion tokens of each model call, in order; the last call answers, the others call `lookup`. */
  tokens: number[];
}

export function episodePlan(i: number): EpisodePlan {
  const steps = 1 + Math.floor(unitHash('bench-serve', i, 'steps') * MAX_STEPS);
  return { tokens: Array.from({ length: steps }, (_, s) => 50 + Math.floor(unitHash('bench-serve', i, 'tokens', s) * 1_451)) };
}

const episodeInput = (i: number) => `Episode ${i}: collect the notes one lookup at a time, then summarise them.`;

/** Words to fill a reply of `tokens` tokens. */
function filler(tokens: number): string {
  return 'note '.repeat(Math.ceil(tokens)).slice(0, 4 * Math.max(0, tokens));
}

/**
 * The "model" of the workload: the episode is read from the task, the step from the assistant
 * messages so far; it calls `lookup` until the episode's last step, then answers "done" with the
 * planned number of completion tokens (counted as the simulated server counts them).
 */
export function workloadResponder(): SimResponder {
  return {
    respond(request: SimChatRequest): SimReply {
      const task = request.messages.find((m) => m.role === 'user');
      const episode = Number(/^Episode (\d+):/.exec(textOf(task?.content))?.[1] ?? -1);
      const plan = episodePlan(episode);
      const step = request.messages.filter((m) => m.role === 'assistant').length;
      const tokens = plan.tokens[Math.min(step, plan.tokens.length - 1)] ?? 50;
      if (step < plan.tokens.length - 1) {
        const args = JSON.stringify({ step });
        const call = estimateTokens(`lookup${args}`);
        return { content: filler(tokens - call), toolCalls: [{ name: 'lookup', arguments: args }] };
      }
      return { content: `done ${filler(tokens - 2)}`.slice(0, 4 * tokens), toolCalls: [] };
    },
  };
}

/** A project with a prompt agent on the workload's system prompt and a suite of `count` episodes. */
export async function writeServeProject(root: string, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ id: `e${String(i).padStart(5, '0')}`, input: episodeInput(i), expected: 'done' }));
  await mkdir(join(root, 'specs'), { recursive: true });
  await mkdir(join(root, 'agents/serve/prompts'), { recursive: true });
  await writeFile(join(root, 'specs/episodes.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(root, 'specs/lookup.tools.mjs'), 'export function lookup({ step }) {\n  return `note ${step}: nothing new`;\n}\n');
  await writeFile(
    join(root, 'specs/serve.yaml'),
    [
      'name: serve',
      'file: episodes.jsonl',
      'scorer: { kind: regex, pattern: "^done" }',
      'timeoutMs: 900000',
      'tools:',
      '  module: lookup.tools.mjs',
      '  definitions:',
      '    - name: lookup',
      '      description: The note of one step.',
      '      parameters: { type: object, properties: { step: { type: integer } }, required: [step] }',
      '',
    ].join('\n'),
  );
  await writeFile(join(root, 'agents/serve/agent.yaml'), `name: serve\nkind: prompt\nsystem: prompts/system.md\nmaxSteps: ${MAX_STEPS + 2}\n`);
  await writeFile(join(root, 'agents/serve/prompts/system.md'), SYSTEM_PROMPT);
  await writeFile(join(root, 'agentdevel.yaml'), 'store: .agentdevel\n');
}
