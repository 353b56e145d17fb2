import { z } from 'zod';

/**
 * Annotations that let the simulated world play a suite. They describe the latent "needs" of
 * examples (what the agent must be told to do), how an unmet need shows in the trace, and the
 * rule text that satisfies it. Real models ignore them; the pipeline never reads them.
 */

export const simFailureModes = [
  'skip-tool',
  'wrong-order',
  'bad-args',
  'wrong-tool',
  'bad-format',
  'premature-stop',
  'hallucinate',
  'ignore-instruction',
  'loop',
  'refuse',
] as const;
export type SimFailureMode = (typeof simFailureModes)[number];

export const simNeedSchema = z.strictObject({
  /** How the simulated agent misbehaves while the need is unmet. */
  mode: z.enum(simFailureModes),
  /** The tool the need is about, if any. */
  tool: z.string().optional(),
  /** A sentence that, present in the system prompt, satisfies the need. */
  rule: z.string().min(1),
  /** Phrases that must all appear (case-insensitively) for the rule to count; defaults to the rule itself. */
  keywords: z.array(z.string().min(1)).optional(),
  /** An over-broad variant: it satisfies the need but breaks examples carrying any of these tags. */
  broad: z
    .strictObject({
      rule: z.string().min(1),
      keywords: z.array(z.string().min(1)).optional(),
      breaks: z.array(z.string().min(1)).min(1),
      mode: z.enum(simFailureModes).default('ignore-instruction'),
    })
    .optional(),
});
export type SimNeed = z.infer<typeof simNeedSchema>;

export const simToolCallSchema = z.strictObject({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

export const simSuiteSchema = z.strictObject({
  needs: z.record(z.string(), simNeedSchema).default({}),
});
export type SimSuite = z.infer<typeof simSuiteSchema>;

export const simExampleSchema = z.strictObject({
  /** Needs (keys of the suite's sim.needs) this example depends on. */
  needs: z.array(z.string()).default([]),
  /** The tool calls a correct episode makes, in order. */
  calls: z.array(simToolCallSchema).default([]),
  /** The final answer of a correct episode (text, or code for code suites). */
  answer: z.string().optional(),
  /** A plausible wrong answer used by failing episodes. */
  wrong: z.string().optional(),
});
export type SimExample = z.infer<typeof simExampleSchema>;

/** World-wide noise settings; documented defaults, printed by every study. */
export const simWorldSchema = z.strictObject({
  seed: z.number().int().default(1),
  /** Share of examples whose outcome is random on every sample. */
  flakyShare: z.number().min(0).max(1).default(0.08),
  /** Share of examples whose outcome is re-drawn by any change of the system prompt. */
  rerollRate: z.number().min(0).max(1).default(0.03),
  /** Share of critic labels the simulated critic gets wrong. */
  mislabelRate: z.number().min(0).max(1).default(0.1),
  /** Share of simulated-engineer patches that use the over-broad rule. */
  broadRate: z.number().min(0).max(1).default(0.3),
  /** Share of simulated-engineer first attempts that are malformed. */
  malformedRate: z.number().min(0).max(1).default(0.15),
  /** Simulated latency per request in milliseconds. */
  latencyMs: z.number().min(0).default(0),
});
export type SimWorldConfig = z.infer<typeof simWorldSchema>;
