/**
 * The release loop. runReleaseLine (core.ts) composes the stages of an iteration and the stop
 * rules; release (release.ts) runs it on the store and git (storedStages); a study runs it on
 * stages built in memory. Crash points for the recovery tests are in crash-points.ts.
 */
export { runReleaseLine, runIteration, type LineOptions } from './core.js';
export { stopRule, holdoutDropOf, spentOf } from './stop-rules.js';
export type * from './types.js';
export { release, type ReleaseOptions, type ReleaseResult } from './release.js';
export { storedStages, passRates, type StoredContext, type StoredVersion } from './stored-stages.js';
export { sampleRanges, ITERATION_STRIDE, type SampleRanges } from './sample-ranges.js';
export { prepareDemoRepo, DEMO_AGENT, DEMO_ITERATIONS } from './demo.js';
export { readPlan, planFile, type ReleasePlan } from './plan.js';
export { abandonRelease, type AbandonResult } from './abandon.js';
export type { RecordSummary } from './record-step.js';
