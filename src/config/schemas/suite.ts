import { z } from 'zod';
import { scorerSchema } from './scorer.js';
import { simExampleSchema, simSuiteSchema } from './sim.js';

export const toolDefinitionSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a tool name of letters, digits, _ . -'),
  description: z.string().default(''),
  /** JSON Schema of the arguments. */
  parameters: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
});
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

export const cannedResultSchema = z.strictObject({
  /** Arguments this entry answers; omitted means any arguments. */
  args: z.record(z.string(), z.unknown()).optional(),
  result: z.unknown(),
});

export const suiteToolsSchema = z.strictObject({
  definitions: z.array(toolDefinitionSchema).default([]),
  /** A JS module beside the suite exporting one function per tool: (args, context) => result. */
  module: z.string().optional(),
  /** Canned results keyed by tool name and arguments. */
  table: z.record(z.string(), z.array(cannedResultSchema)).optional(),
  /** false: calls are recorded as the answer and not executed (function-calling benchmarks). */
  execute: z.boolean().default(true),
});
export type SuiteTools = z.infer<typeof suiteToolsSchema>;

export const exampleSchema = z.strictObject({
  id: z.string().min(1),
  /** The task: a text, or an object with `prompt` and/or `messages` plus any fields tools and scorers use. */
  input: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  expected: z.unknown().optional(),
  tags: z.array(z.string()).default([]),
  /** Function definitions offered for this example only (function-calling benchmarks). */
  tools: z.array(toolDefinitionSchema).optional(),
  rubric: z.string().optional(),
  sim: simExampleSchema.optional(),
});
export type Example = z.infer<typeof exampleSchema>;

export const importSourceSchema = z.discriminatedUnion('format', [
  /** `answers: none` for categories without a possible-answer file (irrelevance: the right answer is no call at all). */
  z.strictObject({ format: z.literal('bfcl'), questions: z.string().min(1), answers: z.string().min(1) }),
  z.strictObject({ format: z.literal('humaneval-x'), file: z.string().min(1) }),
  z.strictObject({ format: z.literal('multipl-e'), file: z.string().min(1), tests: z.string().optional() }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const suiteSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lowercase name of letters, digits, . _ -'),
    description: z.string().optional(),
    /** Inline examples. */
    examples: z.array(exampleSchema).optional(),
    /** A JSON-lines file of examples, relative to the suite file. */
    file: z.string().optional(),
    /** A public benchmark's own files, imported as they are. */
    source: importSourceSchema.optional(),
    scorer: scorerSchema,
    tools: suiteToolsSchema.optional(),
    rubric: z.string().optional(),
    split: z
      .strictObject({
        /** Share of examples held out (never shown to critic or engineer). */
        holdout: z.number().min(0).max(0.9).default(0.2),
        salt: z.string().default('agentdevel'),
      })
      .default({ holdout: 0.2, salt: 'agentdevel' }),
    repeats: z.number().int().min(1).max(100).default(1),
    timeoutMs: z.number().int().positive().default(120_000),
    /** Example ids that must always pass: a regression on any of them rejects a candidate. */
    mustPass: z.array(z.string()).default([]),
    sim: simSuiteSchema.optional(),
  })
  .superRefine((suite, ctx) => {
    const given = [suite.examples, suite.file, suite.source].filter((x) => x !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: 'custom', path: ['examples'], message: `expected exactly one of examples, file or source, found ${given}` });
    }
  });
export type SuiteConfig = z.infer<typeof suiteSchema>;
