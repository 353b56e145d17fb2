/**
 * The gate: flips between a fresh baseline run and the release candidate's run, confirmation
 * of those flips, flaky memory, the exact McNemar test and the policy rules, ending in
 * accept | reject | inconclusive with every reason as data. Pure: no files, network, git or
 * processes (the caller reads records, runs confirmation reruns and writes gate.json).
 *
 * Use:
 *   const baseline = await outcomesOfStream(readRunRecords(store, baselineRunId));
 *   const candidate = await outcomesOfStream(readRunRecords(store, rcRunId));
 *   const input = { policy, baseline, candidate, critiques, intent, mustPass: mustPassOf(policy, suites), flakyMemory, lineBudget };
 *   for (let keys = nextConfirmationRound(input); keys.length > 0; keys = nextConfirmationRound(input)) {
 *     rerun keys once on each version; input = withConfirmationRound(input, reruns);
 *   }
 *   const result = decide(input);
 *   write gate.json = result; keep result.flakyMemory; exit with result.exitCode
 */
export type * from './types.js';
export { outcomeReducer, outcomesOf, outcomesOfStream, type OutcomeReducer } from './outcomes.js';
export { verdictOf, classifyFlip, flipsToConfirm, isMixed } from './flips.js';
export { mcnemarExact } from './mcnemar.js';
export { splitTooSmall, holdoutTooSmallText, type SplitTooSmall } from './split-size.js';
export { emptyFlakyMemory, flakyMemorySchema, parseFlakyMemory, updateFlakyMemory, type FlakyObservation } from './flaky-memory.js';
export { mustPassOf, mustPassMatcher, type MustPassSuite } from './must-pass.js';
export { decide, decisionOf } from './decide.js';
export { nextConfirmationRound, withConfirmationRound } from './confirm-round.js';
export { budgetUse, FRESH_LINE, levelOf, replayLineBudget, type BudgetEntry, type LineBudget } from './line-budget.js';
export { netBenefitEvidence, type NetBenefitEvidence } from './net-benefit.js';
export { splitLikelihoodEValue, type FlipSamples } from './split-likelihood.js';
export { exitCodeOf } from './exit-code.js';
export { comparisonPolicies, comparisonPolicy, type ComparisonPolicyName } from './comparison-policies.js';
