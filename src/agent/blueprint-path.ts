import { posix } from 'node:path';

/** A path as written in agent.yaml (`./prompts/a.md`, `prompts\a.md`), in the form of a blueprint's file list. */
export function blueprintPath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
}
