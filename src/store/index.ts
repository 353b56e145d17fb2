export * from './atomic.js';
export * from './journal.js';
export * from './jsonl.js';
export * from './layout.js';
export * from './iterations.js';
export * from './pid-lock.js';
