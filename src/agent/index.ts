export type * from './types.js';
export { createAgentRunner } from './runner.js';
export { loadBlueprint, loadBlueprintByName, AGENT_FILE } from './blueprint/load.js';
export { IGNORED_NAMES } from './blueprint/read-tree.js';
export { gitTreeHash } from './blueprint/tree-hash.js';
export { OBSERVATION_LIMIT } from './tool-format.js';
export { STDOUT_LIMIT_BYTES, STDERR_TAIL_BYTES } from './command/runner.js';
export type { TaskPayload } from './command/protocol.js';
export type { PromptAgentOutput } from './prompt/loop.js';
