export type { LoadedExample, LoadedSuite, ToolEnvironment } from './types.js';
export { loadSuite, loadSuiteFile, loadSuites } from './load.js';
export { splitOf } from './split.js';
export { parseJsonl, type JsonlRow } from './jsonl.js';
export { referenceCall, referenceValue, toJsonSchema } from './import/index.js';
export { locate, parsePath } from './locate.js';
