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

export const gateModes = ['flips', 'net-benefit', 'aggregate', 'always'] as const;

export const gatePolicySchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /**
   * flips: the flip-centred gate with a cap on regressions (every rule below but netBenefit).
   * net-benefit: the flip-centred gate that weighs confirmed fixes against confirmed regressions
   * (netBenefit) instead of capping regressions (maxP2FRate and mcnemar are not applied; must-pass,
   * holdout, intent, minF2P, maxP2F and the data rules are). aggregate: accept when the dev pass rate
   * rises, nothing else (a comparison policy for studies). always: accept every candidate (no
   * gate, for studies). The error budget and coverage apply to flips and aggregate alike.
   */
  mode: z.enum(gateModes).default('flips').describe('flips (regressions capped) | net-benefit (fixes must outweigh regressions, with a false-promotion budget over the version line) | aggregate (dev pass rate must rise) | always (no gate)'),
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
  netBenefit: z
    .strictObject({
      /**
       * The version line's budget of false promotion: the chance that any promotion on the line was
       * of a candidate that is not truly better (beyond the margin) stays at most alpha, however
       * many decisions the line makes (online closed testing, src/gate/line-budget.ts).
       */
      alpha: z.number().gt(0).lt(1).default(0.1),
      /** Each decision is tested at this share of the line's unspent alpha; a refusal spends it, a promotion keeps it. */
      spend: z.number().gt(0).max(1).default(0.3),
      /**
       * The test's null hypothesis, on the examples the gate saw flip (and that held their first
       * rerun): Σ (candidate's − baseline's true pass probability) ≤ margin × their number.
       * 0: the candidate must be better on them.
       */
      margin: z.number().min(0).lt(1).default(0),
    })
    .default({ alpha: 0.1, spend: 0.3, margin: 0 })
    .describe('net-benefit mode: an e-value test that the candidate is better on the examples it flipped, at a level drawn from the line\'s false-promotion budget alpha.'),
  /**
   * Agreeing fresh reruns per side a flipped example needs before it counts; 0: flips count as
   * observed. Reruns are sequential: a flip is rerun once per round on both versions until one
   * sample disagrees (flaky) or it has this many agreeing reruns per side (confirmed), and no
   * round is run once no rerun can change the decision.
   */
  confirmRuns: z.number().int().min(0).max(50).default(3).describe('Agreeing reruns per side a flipped example needs before it counts (sequential: stops at the first disagreeing sample, or when no rerun can change the decision); 0 = flips count as observed, flakiness only from memory.'),
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
