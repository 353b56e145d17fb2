export type { ScoreInput, ScoreResult, Scorer, ScorerContext } from './types.js';
export { createScorer } from './create.js';
export { checkExamples } from './check.js';
export { givenCalls, type GivenCall } from './tool-calls/calls.js';
export { parseExpectedCalls, referenceCall, type ExpectedCall } from './tool-calls/expected.js';
export { standardize } from './tool-calls/values.js';
