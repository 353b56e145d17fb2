import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { fail } from '../core/errors.js';
import { issuesBehindDiscriminators } from './discriminated-issues.js';
import { ConfigProblems, describeZodIssue, formatPath, type ConfigIssue } from './issues.js';

export interface LoadedFile<T> {
  path: string;
  value: T;
}

/** Reads, parses and validates a YAML file; every problem is collected with its line and column. */
export async function loadYamlFile<S extends z.ZodType>(path: string, schema: S, displayRoot = process.cwd()): Promise<z.output<S>> {
  const text = await readText(path);
  return parseYaml(text, schema, displayName(path, displayRoot));
}

export function displayName(path: string, root: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('EFILE', `${path}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`, { cause: error });
  }
}

export function parseYaml<S extends z.ZodType>(text: string, schema: S, file: string): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigProblems(
      doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        return { file, path: '', message: `YAML syntax error: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`, line: pos?.line, column: pos?.col };
      }),
    );
  }
  const input: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = [...result.error.issues, ...issuesBehindDiscriminators(schema, input, result.error.issues)];
  throw new ConfigProblems(
    issues.flatMap((issue): ConfigIssue[] => {
      // Each unknown key is its own problem, at its own line (not the line of the mapping holding it).
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ file, path: formatPath(issue.path), message: `unknown key "${key}" (not allowed here; check the spelling)`, ...locateKey(doc.contents, [...issue.path, key], lineCounter) }));
      }
      const { path, message } = describeZodIssue(issue, input);
      const pos = locateNode(doc.contents, path, lineCounter);
      return [{ file, path: formatPath(path), message, ...pos }];
    }),
  );
}

/** The line and column of a mapping's key itself (`name:`), or of the deepest node on the way when it is not there. */
export function locateKey(root: unknown, path: ReadonlyArray<PropertyKey>, lineCounter: LineCounter): { line?: number; column?: number } {
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  let node = root as Node | null | undefined;
  for (const part of parent) {
    if (isMap(node)) node = node.get(part as string, true) as Node | undefined;
    else if (isSeq(node) && typeof part === 'number') node = node.get(part, true) as Node | undefined;
    else node = undefined;
    if (!node) return locateNode(root, path, lineCounter);
  }
  const pair = isMap(node) ? node.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
  const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  if (offset === undefined) return locateNode(root, path, lineCounter);
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The line and column (1-based) of the deepest node along the path that exists in a parsed document (`doc.contents`). */
export function locateNode(root: unknown, path: ReadonlyArray<PropertyKey>, lineCounter: LineCounter): { line?: number; column?: number } {
  let node = root as Node | null | undefined;
  let found = node;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true) as Node | undefined;
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true) as Node | undefined;
    else break;
    if (!node) break;
    found = node;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return {};
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
