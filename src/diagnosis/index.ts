/** The diagnose stage: built-in scripts over records and critiques, the target choice, the spec, and the project's own scripts. */
export { diagnose, DiagnosisBuilder, runBuiltinScript, serializeDiagnosis, withUserScripts, DEFAULT_EXEMPLARS } from './diagnose.js';
export { builtinScripts } from './builtins.js';
export type { BuiltinScript, ScriptRun, ScriptSettings } from './script.js';
export type { Case, Tally, ExampleTally } from './case.js';
export { chooseTarget, expectedFlips, DEFAULT_MIN_EXAMPLES, DEFAULT_MIN_SHARE } from './target.js';
export { renderSpec, SIMULATED_SPEC_NOTE, NONE } from './spec.js';
export { renderExemplarTrace, exemplarTraceLength } from './exemplar-text.js';
export { scriptInput, SCRIPT_INPUT_VERSION } from './script-input.js';
export { runUserScript, runUserScripts, type UserScript, type UserScriptRun } from './user-scripts.js';
export { runDiagnoseStage, CRITIQUE_FILE, DIAGNOSIS_FILE, SPEC_FILE, type DiagnoseStageInput, type DiagnoseStageResult } from './stage.js';
export { parseCritique, critiqueRecordSchema } from './critique-schema.js';
export * from './types.js';
