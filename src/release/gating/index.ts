/**
 * The gate stage (orchestration; src/gate stays pure): confirmation reruns of flipped examples
 * on both versions, the flaky memory kept in git next to the ledger, and gate.json.
 */
export { runGateStage, readConfirmation, GATE_FILE, CONFIRMATION_FILE, type GateStageInput, type GateStageResult } from './stage.js';
export { gateRuns, type GateRunsInput } from './pair.js';
export { gateIteration, type GateIterationOptions } from './iteration.js';
export { confirmRound, confirmationRuns, type ConfirmationRecord, type ConfirmationRound } from './confirm.js';
export { readFlakyMemoryAt, serializeFlakyMemory, checkedFlakyFile, FLAKY_FILE } from './flaky-file.js';
export { checkComparable } from './runs.js';
