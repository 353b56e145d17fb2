export { startEngine, type EngineOptions, type RunningEngine } from './start.js';
export { engines, engineNames, isEngineName, type EngineName, type EngineSpec } from './engines.js';
