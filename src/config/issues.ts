import type { z } from 'zod';
import { AgentdevelError } from '../core/errors.js';

/** One problem in a file a user wrote: `file: path.to.field: message` (with line:column when known). */
export interface ConfigIssue {
  file: string;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Dotted path with indices in brackets: `examples[3].id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const receivedNames: Record<string, string> = { undefined: 'nothing', null: 'null' };

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Rephrases zod's messages as "expected …, found …"; `input` is the parsed file, to quote what was found. */
export function describeZodIssue(issue: z.core.$ZodIssue, input?: unknown): { path: Array<PropertyKey>; message: string } {
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1] ?? 'something else';
      if (received === 'undefined') return { path: issue.path, message: `required: expected ${issue.expected}, found nothing` };
      return { path: issue.path, message: `expected ${issue.expected}, found ${receivedNames[received] ?? received}` };
    }
    case 'unrecognized_keys':
      return { path: issue.path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (not allowed here; check the spelling)` };
    case 'invalid_value':
      return { path: issue.path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${shown(valueAt(input, issue.path))}` };
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return { path: issue.path, message: `expected one of ${options.map((v) => JSON.stringify(v)).join(', ')}, found ${shown(valueAt(input, issue.path))}` };
      // Describe the branch that came closest: the one with the fewest problems.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
      if (closest) {
        const inner = describeZodIssue({ ...closest, path: [...issue.path, ...closest.path] } as z.core.$ZodIssue, input);
        return inner;
      }
      return { path: issue.path, message: 'does not match any of the accepted forms' };
    }
    default:
      return { path: issue.path, message: issue.message.replace(/^Invalid input: /, '') };
  }
}

export class ConfigProblems extends AgentdevelError {
  constructor(readonly issues: ConfigIssue[]) {
    const first = issues[0];
    super(first?.message.startsWith('YAML') ? 'EYAML' : 'ECONFIG', first ? formatIssue(first) : 'invalid configuration', {
      details: issues.length > 1 ? issues.slice(1).map(formatIssue).join('\n') : undefined,
      data: { issues },
    });
  }
}
