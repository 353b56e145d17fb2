import { z } from 'zod';

export const gatePolicySchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Most confirmed pass→fail examples allowed (flaky ones excluded). */
  maxP2F: z.number().int().min(0).optional(),
  /** Most confirmed pass→fail examples allowed, as a share of baseline passes. */
  maxP2FRate: z.number().min(0).max(1).default(0.01),
  /** Fewest confirmed fail→pass examples required. */
  minF2P: z.number().int().min(0).default(1),
  mcnemar: z
    .strictObject({
      alpha: z.number().gt(0).lt(1).default(0.05),
      /**
       * improvement: the candidate must be significantly better (p < alpha, more fixes than regressions).
       * no-regression: reject only when it is significantly worse.
       */
      require: z.enum(['improvement', 'no-regression']).default('no-regression'),
    })
    .default({ alpha: 0.05, require: 'no-regression' }),
  /** Reruns of each flipped example on both versions before the flip counts. */
  confirmRuns: z.number().int().min(0).max(50).default(3),
  holdout: z
    .strictObject({ maxDrop: z.number().min(0).max(1).default(0.02) })
    .default({ maxDrop: 0.02 }),
  /** Least share of fixes whose baseline failure carried a symptom the candidate targeted. */
  minIntentAlignment: z.number().min(0).max(1).default(0.5),
  /** Most infrastructure errors, as a share of records, before the gate says inconclusive. */
  maxErrorRate: z.number().min(0).max(1).default(0.02),
  /** Example ids (or `tag:<name>`) that must always pass. Suites may add their own. */
  mustPass: z.array(z.string()).default([]),
  flaky: z
    .strictObject({ clearAfterStableRuns: z.number().int().min(1).default(3) })
    .default({ clearAfterStableRuns: 3 }),
});
export type GatePolicy = z.infer<typeof gatePolicySchema>;
