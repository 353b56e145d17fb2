/** `agentdevel check`: the release loop's gate and report applied to any two versions of an agent. */
export { runCheck, CHECK_RANGES, type CheckOptions, type CheckResult } from './check.js';
export { readCheckRecord, checkDir, checkRecordSchema, CHECK_FILE, type CheckRecord } from './record.js';
export { promoteCheck, type PromoteCheckOptions, type PromoteCheckResult } from './promote.js';
export { resolveBase, resolveHead, changedFiles, type CheckedVersion } from './versions.js';
