import { relative } from 'node:path';
import { issuesOf, type ConfigIssue } from '../../config/index.js';
import { isAgentdevelError } from '../../core/errors.js';
import { locate, parsePath } from '../../suite/index.js';

/**
 * A loader's thrown error as issues of `file`, in the loader's own words. Two errors carry
 * more than a message: EDUPLICATE_ID lists its issues in `data`, and EFILE (a file the suite
 * names is missing) reads `<file>: <field>: <path>: <why>`, turned into `field: why (path)`.
 */
export function loaderIssues(error: unknown, file: string, root: string, text?: string): ConfigIssue[] {
  if (isAgentdevelError(error) && error.code === 'EDUPLICATE_ID' && Array.isArray(error.data?.issues)) return error.data.issues as ConfigIssue[];
  if (isAgentdevelError(error) && error.code === 'EFILE' && error.message.startsWith(`${file}: `)) {
    const [field, path, ...why] = error.message.slice(file.length + 2).split(': ');
    // The line of the field that names the file, so an editor can jump to it.
    const at = text === undefined || !field ? {} : lineOf(text, field);
    if (field && path && why.length > 0) return [{ file, path: field, message: `${why.join(': ')}: ${shown(path, root)}`, ...at }];
  }
  return issuesOf(error, file);
}

function shown(path: string, root: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function lineOf(text: string, field: string): { line?: number; column?: number } {
  return locate(text, parsePath(field));
}

/** Gives issues of `file` that name a field but no line the line of that field in the file's text. */
export function placeInFile(issues: ConfigIssue[], file: string, text: string | undefined): void {
  if (text === undefined) return;
  for (const issue of issues) {
    if (issue.file === file && issue.line === undefined && issue.path) Object.assign(issue, lineOf(text, issue.path));
  }
}
