import { z } from 'zod';

/**
 * A gate policy, `gates/<name>.yaml`: how a release candidate (RC) is judged against a fresh
 * run of the current version. Every field has a default, so `{}` is a valid policy. The rules
 * are documented with their code (src/gate/rules.ts) and in docs/gate-policies.md.
 */

/** `suite/id`, a bare `id` (any suite), or `tag:<tag>` (every example carrying the tag). */
export const mustPassEntrySchema = z
  .string()
  .min(1)
  .refine((entry) => entry !== 'tag:', { message: 'expected a tag name after "tag:"' })
  .describe('An example that must never regress: `suite/id`, a bare `id` (any suite), or `tag:<tag>`.');

export const gateModes = ['flips', 'aggregate', 'always'] as const;

export const gatePolicySchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /**
   * flips: the flip-centred gate (every rule below). aggregate: accept when the dev pass rate
   * rises, nothing else (a comparison policy for studies). always: accept every candidate (no
   * gate, for studies). The error budget and coverage apply to flips and aggregate alike.
   */
  mode: z.enum(gateModes).default('flips').describe('flips (the full gate) | aggregate (dev pass rate must rise) | always (no gate)'),
  /** Most confirmed pass→fail dev examples allowed (flaky ones excluded); absent: no count limit. */
  maxP2F: z.number().int().min(0).optional().describe('Most confirmed pass→fail dev examples; absent: no count limit.'),
  /** Most confirmed pass→fail dev examples allowed, as a share of baseline passes. */
  maxP2FRate: z.number().min(0).max(1).default(0.01).describe('Most confirmed pass→fail dev examples, as a share of dev examples the baseline passes.'),
  /** Fewest confirmed fail→pass dev examples required. */
  minF2P: z.number().int().min(0).default(1).describe('Fewest confirmed fail→pass dev examples required.'),
  mcnemar: z
    .strictObject({
      alpha: z.number().gt(0).lt(1).default(0.05),
      /**
       * Exact McNemar test on the confirmed dev discordant pairs (P→F vs F→P).
       * improvement: accept only when the candidate is significantly better (p < alpha and F→P > P→F).
       * no-regression: reject only when it is significantly worse (p < alpha and P→F > F→P).
       */
      require: z.enum(['improvement', 'no-regression']).default('no-regression'),
    })
    .default({ alpha: 0.05, require: 'no-regression' })
    .describe('Exact McNemar test on the confirmed dev flips: improvement = must be significantly better; no-regression = must not be significantly worse.'),
  /** Fresh reruns of each flipped example on both versions before the flip counts; 0: flips count as observed. */
  confirmRuns: z.number().int().min(0).max(50).default(3).describe('Reruns per side of each flipped example before it counts; 0 = flips count as observed, flakiness only from memory.'),
  holdout: z
    .strictObject({
      /** Largest allowed drop of the holdout pass rate (net confirmed holdout regressions over holdout examples). */
      maxDrop: z.number().min(0).max(1).default(0.02),
    })
    .default({ maxDrop: 0.02 })
    .describe('Largest allowed drop of the holdout pass rate, a share of holdout examples.'),
  /** Least share of fixes whose baseline failure carried a symptom the candidate targeted; 0 turns the rule off. */
  minIntentAlignment: z.number().min(0).max(1).default(0.5).describe('Least share of confirmed fixes whose baseline failure carried a targeted symptom.'),
  /** Most infrastructure errors, as a share of one side's records, before the gate says inconclusive. */
  maxErrorRate: z.number().min(0).max(1).default(0.02).describe('Most infrastructure-error records, as a share of either side, before the gate says inconclusive.'),
  /** Examples that must never regress. Suites add their own `mustPass` ids. */
  mustPass: z.array(mustPassEntrySchema).default([]),
  flaky: z
    .strictObject({
      /** Consecutive stable observations after which a remembered flaky example is cleared. */
      clearAfterStableRuns: z.number().int().min(1).default(3),
    })
    .default({ clearAfterStableRuns: 3 })
    .describe('How long a measured flaky example stays marked.'),
});
export type GatePolicy = z.infer<typeof gatePolicySchema>;
export type GateMode = (typeof gateModes)[number];
