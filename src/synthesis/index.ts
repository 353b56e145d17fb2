export type * from './types.js';
export { patchReasons } from './types.js';
export { synthesizeCandidate, type SynthesisInput } from './synthesize.js';
export { validatePatch, candidateTree, type PatchTarget, type PatchVerdict } from './validate-patch.js';
export { editableFiles, editableMatcher } from './editable.js';
export { engineerMessages, ENGINEER_INSTRUCTIONS } from './engineer-request.js';
export { RELEASE_CANDIDATE_FORMAT, releaseCandidateFormat, engineerReplySchema, intentSchema, readEngineerReply, type EngineerReply } from './reply.js';
