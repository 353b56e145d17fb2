import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { LoadedSuite } from '../suite/index.js';
import type { ExampleLocation } from './annotations.js';

/**
 * Where each example of the suites is written, for annotations: the JSON-lines data file and
 * the example's line, or the suite file and the line of its inline entry; an imported
 * benchmark's examples point at the suite file. Paths are relative to the repository root,
 * as GitHub resolves an annotation's `file`. A file that cannot be read again gives no line,
 * never a failure: an annotation without a line is still an annotation.
 */
export async function exampleLocator(suites: readonly LoadedSuite[], repoRoot: string): Promise<(suite: string, exampleId: string) => ExampleLocation | undefined> {
  const places = new Map<string, ExampleLocation>();
  for (const suite of suites) {
    const suiteFile = repoPath(repoRoot, suite.file);
    const lines = await exampleLines(suite);
    for (const example of suite.examples) {
      const found = lines.get(example.id);
      places.set(`${suite.name}/${example.id}`, found ? { file: repoPath(repoRoot, found.file), line: found.line } : { file: suiteFile });
    }
  }
  return (suite, exampleId) => places.get(`${suite}/${exampleId}`);
}

async function exampleLines(suite: LoadedSuite): Promise<Map<string, { file: string; line: number }>> {
  const found = new Map<string, { file: string; line: number }>();
  const text = async (path: string) => readFile(path, 'utf8').catch(() => null);
  if (suite.config.file !== undefined) {
    const path = resolve(suite.dir, suite.config.file);
    const lines = (await text(path))?.split('\n') ?? [];
    lines.forEach((line, index) => {
      const id = idOf(line);
      if (id !== undefined && !found.has(id)) found.set(id, { file: path, line: index + 1 });
    });
  } else if (suite.config.examples) {
    const source = await text(suite.file);
    if (source === null) return found;
    const counter = new LineCounter();
    const examples = parseDocument(source, { lineCounter: counter }).get('examples', true);
    if (!isSeq(examples)) return found;
    for (const item of examples.items) {
      const id = isMap(item) ? item.get('id') : undefined;
      const start = isMap(item) ? item.range?.[0] : undefined;
      if ((typeof id === 'string' || typeof id === 'number') && start !== undefined) found.set(String(id), { file: suite.file, line: counter.linePos(start).line });
    }
  }
  return found;
}

function idOf(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as { id?: unknown };
    return typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : undefined;
  } catch {
    return undefined;
  }
}

function repoPath(repoRoot: string, path: string): string {
  return relative(repoRoot, path).split(sep).join('/');
}
