import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './fixture.js';

/**
 * The blind view is blind by construction: nothing under src/critic can reach the code that
 * reads blueprints (src/agent, where blueprint loading lives) or writes candidates
 * (src/synthesis), however indirectly. The walk reads each file's imports with TypeScript's own
 * pre-processor (static imports, re-exports, type-only imports and dynamic import() alike).
 */
const forbidden = ['src/agent/', 'src/synthesis/'];

function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((entry) => entry.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      return existsSync(target) ? target : join(target.replace(/\.ts$/, ''), 'index.ts');
    });
}

/** Every file reachable from the roots, each with the chain of imports that reaches it. */
function reachable(roots: string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const queue = roots.map((root) => [root]);
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1]!;
    if (chains.has(file)) continue;
    chains.set(file, chain);
    for (const next of importsOf(file)) if (!chains.has(next)) queue.push([...chain, next]);
  }
  return chains;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function violations(roots: string[]): string[] {
  return [...reachable(roots).entries()]
    .filter(([file]) => forbidden.some((prefix) => relative(repoRoot, file).startsWith(prefix)))
    .map(([, chain]) => chain.map((f) => relative(repoRoot, f)).join(' → '));
}

describe('import graph of src/critic', () => {
  test('no file under src/critic reaches src/agent or src/synthesis, directly or through other modules', () => {
    const roots = tsFiles(join(repoRoot, 'src/critic'));
    expect(roots.length).toBeGreaterThan(10);
    // It does reach the layers it needs, so the walk truly follows imports.
    const reached = [...reachable(roots).keys()].map((f) => relative(repoRoot, f));
    expect(reached).toEqual(expect.arrayContaining(['src/run/read-records.ts', 'src/suite/load.ts', 'src/llm/client.ts', 'src/config/task-text.ts']));
    expect(violations(roots)).toEqual([]);
  });

  test('the walk finds such a path where one exists (src/run/index.ts runs agents)', () => {
    const found = violations([join(repoRoot, 'src/run/index.ts')]);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^src\/run\/index\.ts → .* → src\/agent\//);
  });
});
