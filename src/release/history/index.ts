export { refusedFromGate, answerText, type GatedCandidate } from './refused-from-gate.js';
export { gatherRefusals, type RefusalMemo } from './gather.js';
