/**
 * The study (`agentdevel study`): gate policies compared against the simulated world's ground
 * truth. Many independent release lines per noise level, each driven through the release loop
 * (runReleaseLine) with stages in memory (no git, no store), every policy of a line sharing the
 * work its versions have in common; each step accounted for with world.truth, which nothing in
 * the pipeline ever sees.
 *
 * Use:
 *   const { markdown, files } = await runStudy({ project, agent, suites, gates: [], lines: 50, iterations: 10, seed: 1, jobs: 2, flaky: [0, 0.08, 0.2], reroll: [0, 0.03, 0.1], grid: false, command });
 */
export { runStudy, STUDY_FILES, type StudyOptions, type StudyOutcome } from './study.js';
export { SIMULATED_STUDY_NOTE, STUDY_SCHEMA_VERSION, type StudyDocument } from './document.js';
export { renderStudyMarkdown } from './markdown.js';
export { renderStudyHtml } from './html.js';
export { noiseLevels, parseLevels, levelName, DEFAULT_FLAKY_LEVELS, DEFAULT_REROLL_LEVELS, type NoiseLevel } from './levels.js';
export { accountLine, observedFlips, GOOD_EPSILON, type AccountStep, type LineAccount, type StepAccount } from './account.js';
export { TruthTable, truthExamples, type VersionTruth, type TruthVersion } from './truth.js';
export { estimate, tQuantile, tCdf, type Estimate } from './stats.js';
export { summarise, METRICS, type SummaryRow, type MetricKey } from './summary.js';
export { runLine, lineWorld, type LineTask, type LineResult, type PolicyLineResult } from './line.js';
export { loadSetup, studyPolicies, BUILTIN_POLICIES, type StudySetup, type StudyPolicy } from './setup.js';
export { startVersion, candidateVersion, worldPrompt, type StudyVersion } from './version.js';
