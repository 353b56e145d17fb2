export { refusedFromGate, answerText, type GatedCandidate } from './refused-from-gate.js';
