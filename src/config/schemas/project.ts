import { z } from 'zod';
import { endpointSchema, roleNames } from './endpoint.js';
import { simWorldSchema } from './sim.js';

const roleDefaults = Object.fromEntries(roleNames.map((role) => [role, endpointSchema.parse({})])) as Record<
  (typeof roleNames)[number],
  z.infer<typeof endpointSchema>
>;

/** The refused candidates' history in the engineer's request: its default budget, in estimated tokens. */
export const DEFAULT_HISTORY_TOKENS = 2000;

export const taxonomyLabelSchema = z.strictObject({
  label: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case label'),
  description: z.string().min(1),
});

export const projectSchema = z.strictObject({
  /** The working store, relative to this file; git-ignored. */
  store: z.string().min(1).default('.agentdevel'),
  endpoints: z
    .strictObject({
      agent: endpointSchema.default(roleDefaults.agent),
      critic: endpointSchema.default(roleDefaults.critic),
      engineer: endpointSchema.default(roleDefaults.engineer),
    })
    .default(roleDefaults),
  /** Settings of the simulated world used wherever an endpoint says `baseURL: sim`. */
  sim: simWorldSchema.default(simWorldSchema.parse({})),
  run: z
    .strictObject({
      seed: z.number().int().default(0),
    })
    .default({ seed: 0 }),
  critic: z
    .strictObject({
      /** Labels added to the built-in taxonomy. */
      labels: z.array(taxonomyLabelSchema).default([]),
      /** Share of passing dev records also critiqued, to find fragile passes. */
      samplePasses: z.number().min(0).max(1).default(0.1),
      maxAttempts: z.number().int().min(1).max(10).default(3),
    })
    .default({ labels: [], samplePasses: 0.1, maxAttempts: 3 }),
  diagnosis: z
    .strictObject({
      scripts: z
        .array(
          z.strictObject({
            /** An executable (relative to this file): records and critiques as JSON on stdin, a JSON result on stdout. */
            path: z.string().min(1),
            timeoutMs: z.number().int().positive().default(30_000),
          }),
        )
        .default([]),
    })
    .default({ scripts: [] }),
  synthesis: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10).default(3),
      maxPatchBytes: z.number().int().positive().default(64 * 1024),
      /** Budget of the refused candidates' history in the engineer's request, in estimated tokens (about 4 characters each); 0 shows none. */
      historyTokens: z.number().int().min(0).default(DEFAULT_HISTORY_TOKENS),
    })
    .default({ maxAttempts: 3, maxPatchBytes: 64 * 1024, historyTokens: DEFAULT_HISTORY_TOKENS }),
  release: z
    .strictObject({
      /** The version line of agent <a> is the branch `<branchPrefix><a>`. */
      branchPrefix: z.string().min(1).default('agentdevel/'),
      gate: z.string().min(1).default('default'),
      /** Suites the release runs; empty means every suite under specs/. */
      suites: z.array(z.string()).default([]),
      iterations: z.number().int().min(1).default(3),
      maxConsecutiveRejections: z.number().int().min(1).default(3),
      budget: z
        .strictObject({
          calls: z.number().int().positive().optional(),
          tokens: z.number().int().positive().optional(),
        })
        .default({}),
    })
    .default({ branchPrefix: 'agentdevel/', gate: 'default', suites: [], iterations: 3, maxConsecutiveRejections: 3, budget: {} }),
});
export type ProjectConfig = z.infer<typeof projectSchema>;
