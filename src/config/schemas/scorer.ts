import { z } from 'zod';

const normalizeSchema = z.strictObject({
  trim: z.boolean().default(true),
  caseInsensitive: z.boolean().default(false),
  collapseWhitespace: z.boolean().default(true),
  stripPunctuation: z.boolean().default(false),
});

/** Where in the agent's output the scored value is; a dotted path, default "answer". */
const field = z.string().min(1).default('answer');

/** Where in the example's `expected` this scorer's reference is; a dotted path, default the whole value. */
const expectedField = z.string().min(1).optional();

export const exactScorerSchema = z.strictObject({
  kind: z.literal('exact'),
  field,
  expectedField,
  normalize: normalizeSchema.default({ trim: true, caseInsensitive: false, collapseWhitespace: true, stripPunctuation: false }),
});

export const regexScorerSchema = z.strictObject({
  kind: z.literal('regex'),
  field,
  expectedField,
  /**
   * The pattern; when absent, each example's `expected` is the pattern, a list of patterns that
   * must all match, or `{ match, forbid }` (patterns that must match / must not match).
   */
  pattern: z.string().optional(),
  flags: z.string().regex(/^[dgimsuvy]*$/).default(''),
});

export const jsonSchemaScorerSchema = z.strictObject({
  kind: z.literal('json-schema'),
  field: z.string().min(1).optional(),
  /** An inline JSON Schema, or a path (relative to the suite file) to one. */
  schema: z.union([z.record(z.string(), z.unknown()), z.string()]),
});

export const toolCallsScorerSchema = z.strictObject({
  kind: z.literal('tool-calls'),
  expectedField,
  /** Require the calls in the expected order (sequential agents); parallel calls are matched order-free. */
  ordered: z.boolean().default(false),
  /** Compare strings after BFCL's standardisation (case, spaces and , . / - _ * ^ ignored); false: exactly. */
  standardizeStrings: z.boolean().default(true),
});

export const codeScorerSchema = z.strictObject({
  kind: z.literal('code'),
  language: z.enum(['javascript', 'typescript']).default('javascript'),
  /** humaneval-x: pass needs exit 0 and empty stdout and stderr (its tests use console.assert). */
  mode: z.enum(['exit-code', 'humaneval-x']).default('exit-code'),
  field,
  expectedField,
  timeoutMs: z.number().int().positive().default(10_000),
  memoryMb: z.number().int().min(16).default(256),
  /** stdout and stderr together beyond this many bytes end the program as a failure. */
  maxOutputBytes: z.number().int().min(1024).default(65_536),
  /** Node's permission model: no child processes, no workers, files readable only where the program is. */
  sandbox: z.boolean().default(true),
  /** Take the code out of a markdown fence instead of running the text as given (off: bad format fails). */
  extractFence: z.boolean().default(false),
  /** TypeScript only: type-check the program (as tsc does) before running it; a type error fails the answer. */
  typecheck: z.boolean().default(false),
  /** Programs run at once by this scorer; default: the number of CPUs. */
  concurrency: z.number().int().min(1).optional(),
});

export const criticScorerSchema = z.strictObject({
  kind: z.literal('critic'),
  rubric: z.string().optional(),
});

export const customScorerSchema = z.strictObject({
  kind: z.literal('custom'),
  /** A JS module (relative to the suite file) whose export scores one example. */
  module: z.string().min(1),
  export: z.string().default('default'),
});

type Scorer =
  | z.infer<typeof exactScorerSchema>
  | z.infer<typeof regexScorerSchema>
  | z.infer<typeof jsonSchemaScorerSchema>
  | z.infer<typeof toolCallsScorerSchema>
  | z.infer<typeof codeScorerSchema>
  | z.infer<typeof criticScorerSchema>
  | z.infer<typeof customScorerSchema>
  | { kind: 'all'; scorers: Scorer[] };

export const scorerSchema: z.ZodType<Scorer> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    exactScorerSchema,
    regexScorerSchema,
    jsonSchemaScorerSchema,
    toolCallsScorerSchema,
    codeScorerSchema,
    criticScorerSchema,
    customScorerSchema,
    z.strictObject({ kind: z.literal('all'), scorers: z.array(scorerSchema).min(1) }),
  ]),
) as z.ZodType<Scorer>;

export type ScorerConfig = Scorer;
