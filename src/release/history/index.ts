export { refusedFromGate, answerText, type GatedCandidate } from './refused-from-gate.js';
export { gatherRefusals } from './gather.js';
