import type { BlueprintFile } from '../agent/index.js';
import { refuse, type Refusal } from './patch-entry.js';

/**
 * A tree git and a file system can hold: no file may sit where another path needs a folder
 * (`prompts/system.md/evil.md` beside the file `prompts/system.md`, or a new file `prompts`
 * beside the folder `prompts/`). Names are compared as git compares them, byte for byte.
 */
export function checkPathLayout(tree: readonly BlueprintFile[], changed: ReadonlySet<string>): Refusal | undefined {
  const files = new Set(tree.map((file) => file.path));
  for (const file of tree) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!files.has(folder)) continue;
      const [made, other] = changed.has(file.path) ? [file.path, folder] : [folder, file.path];
      return refuse(
        'path-conflict',
        changed.has(file.path)
          ? `${made} needs a folder "${other}", but ${other} is a file: put the new file elsewhere`
          : `${made} would be a file, but it is a folder holding ${other}: choose another name`,
      );
    }
  }
  return undefined;
}
