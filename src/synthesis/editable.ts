import picomatch from 'picomatch';
import type { Blueprint, BlueprintFile } from '../agent/index.js';

/**
 * Which files of the agent folder a release candidate may change: the `editable` globs of
 * agent.yaml, matched against forward-slash paths relative to the folder (posix rules on
 * every platform; dotfiles only where a glob names them).
 */
export function editableMatcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map((glob) => picomatch(glob, { windows: false }));
  return (path) => matchers.some((match) => match(path));
}

/** The blueprint's files the engineer is shown and may change. */
export function editableFiles(blueprint: Blueprint): BlueprintFile[] {
  const isEditable = editableMatcher(blueprint.config.editable);
  return blueprint.files.filter((file) => isEditable(file.path));
}
