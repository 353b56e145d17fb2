export { discoverCapacity, type ServerCapacity } from './discover.js';
export { GradientLimit } from './gradient-limit.js';
export type { CapacityLimit } from './limit.js';
export { SlotLimit } from './slot-limit.js';
export { cacheHints, engineOfURL, type Engine } from './hints.js';
