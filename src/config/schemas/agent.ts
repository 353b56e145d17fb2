import { z } from 'zod';
import { samplingSchema } from './endpoint.js';

const common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lowercase name of letters, digits, . _ -'),
  description: z.string().optional(),
  /** Globs (relative to the agent folder) that a release candidate may change. */
  editable: z.array(z.string().min(1)).min(1).default(['prompts/**']),
  /** Sampling overrides for this agent's model calls. */
  sampling: samplingSchema.optional(),
};

export const promptAgentSchema = z.strictObject({
  ...common,
  kind: z.literal('prompt'),
  /** Prompt files (relative to the agent folder) joined in order into the system prompt. */
  system: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  maxSteps: z.number().int().min(1).max(100).default(8),
});

export const commandAgentSchema = z.strictObject({
  ...common,
  kind: z.literal('command'),
  /** The program and its arguments; run with the agent folder's files in reach and a fresh temp dir as cwd. */
  command: z.array(z.string().min(1)).min(1),
  /** Names of environment variables passed through to the program (nothing else is inherited). */
  env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
  timeoutMs: z.number().int().positive().optional(),
  /**
   * `files`: each episode runs inside bubblewrap, writing only in its working folder and unable to
   * read the project (suites, store) or your HOME; refused (ECONFINE_UNAVAILABLE) where bwrap cannot run.
   */
  confine: z.enum(['none', 'files']).default('none'),
});

export const agentSchema = z.discriminatedUnion('kind', [promptAgentSchema, commandAgentSchema]);
export type AgentConfig = z.infer<typeof agentSchema>;
export type PromptAgentConfig = z.infer<typeof promptAgentSchema>;
export type CommandAgentConfig = z.infer<typeof commandAgentSchema>;
