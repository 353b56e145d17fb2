/**
 * The gate: flips between a fresh baseline run and the release candidate's run, confirmation
 * of those flips, flaky memory, the exact McNemar test and the policy rules, ending in
 * accept | reject | inconclusive with every reason as data. Pure: no files, network, git or
 * processes (the caller reads records, runs confirmation reruns and writes gate.json).
 *
 * Use:
 *   const baseline = await outcomesOfStream(readRunRecords(store, baselineRunId));
 *   const candidate = await outcomesOfStream(readRunRecords(store, rcRunId));
 *   const keys = flipsToConfirm(baseline, candidate, policy); // rerun each policy.confirmRuns times per side
 *   const result = decide({ policy, baseline, candidate, confirmations, critiques, intent, mustPass: mustPassOf(policy, suites), flakyMemory });
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
export { exitCodeOf } from './exit-code.js';
export { comparisonPolicies, comparisonPolicy, type ComparisonPolicyName } from './comparison-policies.js';
