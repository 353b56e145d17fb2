export { openRepo, commitOf, gitRun, gitDirs, gitWithEnv, type Repo } from './repo.js';
export { identityArgs } from './identity.js';
export { versionBranch, rcBranchName, versionTag, parseVersionTag, checkRefName } from './names.js';
export { listVersionTags, createAnnotatedTag, type VersionTag } from './tags.js';
export { ensureVersionLine, type VersionLine } from './version-line.js';
