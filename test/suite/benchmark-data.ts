/**
 * Helpers for tests on public benchmark data: a handful of items of each set kept in the
 * repository (test/fixtures/data, with their licences; every contributor's tests use them) and
 * the full sets in ../shared/data (the larger checks, skipped where that folder is absent).
 * Both have the same files and formats. Here: a temp project whose suites point `source:` at
 * the data, replayed answers built from the loaded examples, and the data's own known mistakes.
 * Shared by the scorer tests and the run-stage tests.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import type { LoadedExample } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const EXTRACT_DATA = fileURLToPath(new URL('../fixtures/data/', import.meta.url));

export const BFCL_CATEGORIES = ['simple_python', 'simple_javascript', 'multiple'] as const;

type DataSet = 'bfcl' | 'humaneval-x-js';

/** Where a data set is read from, what it holds, and why it cannot be used here (undefined when it can). */
export interface BenchmarkData {
  /** `extract` (in the repository) or `full` (../shared/data). */
  label: 'extract' | 'full';
  dir: string;
  missing: string | undefined;
  counts: { bfcl: number; humaneval: number; humanevalCanonicalPass: number };
}

/** The extract, always; then the full set, with `missing` set where it is absent. */
export function benchmarkData(set: DataSet): BenchmarkData[] {
  return [
    { label: 'extract', dir: EXTRACT_DATA, missing: missingData(set, EXTRACT_DATA), counts: { bfcl: 9, humaneval: 6, humanevalCanonicalPass: 4 } },
    { label: 'full', dir: SHARED_DATA, missing: missingData(set, SHARED_DATA), counts: { bfcl: 650, humaneval: 164, humanevalCanonicalPass: 161 } },
  ];
}

/** Why tests on a data set cannot run from `dir`, or undefined when they can. */
export function missingData(set: DataSet, dir = SHARED_DATA): string | undefined {
  const files =
    set === 'bfcl'
      ? BFCL_CATEGORIES.flatMap((c) => [join(dir, 'bfcl', `BFCL_v4_${c}.json`), join(dir, 'bfcl', 'possible_answer', `BFCL_v4_${c}.json`)])
      : [join(dir, 'humaneval-x-js', 'humaneval_js.jsonl')];
  // One wording for every test on the same folder, so the skip summary counts them together.
  return files.some((f) => !existsSync(f)) ? `the data sets in ${dir} are absent or incomplete` : undefined;
}

/** Suite files for the data sets present in `dir`, as `specs/<name>.yaml` text. */
export function benchmarkSuites(dir = SHARED_DATA): Record<string, string> {
  const suites: Record<string, string> = {};
  if (!missingData('bfcl', dir)) {
    for (const category of BFCL_CATEGORIES) {
      const questions = join(dir, 'bfcl', `BFCL_v4_${category}.json`);
      const answers = join(dir, 'bfcl', 'possible_answer', `BFCL_v4_${category}.json`);
      suites[`specs/bfcl-${category}.yaml`] = `name: bfcl-${category}\nsource: {format: bfcl, questions: ${JSON.stringify(questions)}, answers: ${JSON.stringify(answers)}}\nscorer: {kind: tool-calls}\n`;
    }
  }
  if (!missingData('humaneval-x-js', dir)) {
    const file = join(dir, 'humaneval-x-js', 'humaneval_js.jsonl');
    suites['specs/humaneval-x-js.yaml'] = `name: humaneval-x-js\nsource: {format: humaneval-x, file: ${JSON.stringify(file)}}\nscorer: {kind: code, mode: humaneval-x, timeoutMs: 20000}\n`;
  }
  return suites;
}

/** A temp project holding the benchmark suites of the data in `dir` (plus any extra files, e.g. an agent). */
export async function writeBenchmarkProject(dir = SHARED_DATA, extra: Record<string, string> = {}): Promise<{ root: string; project: Project }> {
  const root = await writeTree({ 'agentdevel.yaml': '{}\n', ...benchmarkSuites(dir), ...extra });
  return { root, project: await loadProject({ cwd: root }) };
}

/** The output of an agent that gives the reference answer: BFCL's first acceptable values, HumanEval's canonical body. */
export function referenceOutput(example: LoadedExample): { answer: string | null; toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } {
  return { answer: example.sim?.answer ?? null, toolCalls: example.sim?.calls ?? [] };
}

/** A HumanEval body that compiles and returns nothing. */
export const STUB_BODY = '  return undefined\n}\n';

/**
 * Ground truths that cannot pass as written, with why: the data contradicts itself.
 * simple_python_200: the function requires `fuel_efficiency`, but the possible answer lists ""
 * (may be omitted) first, so the reference call built from it leaves out a required parameter.
 */
export const BFCL_KNOWN_BAD: Record<string, string> = {
  simple_python_200: 'fuel_efficiency is required by the function but its first acceptable value is "" (omit)',
};

/** Canonical HumanEval-X JavaScript solutions known to fail their own tests (see the data's README). */
export const HUMANEVAL_KNOWN_BAD: Record<string, string> = {
  'JavaScript/112': 'the reference returns a boolean; the tests expect [string, boolean]',
  'JavaScript/155': 'the reference mishandles 0',
  'JavaScript/162': "the reference needs the npm package 'js-md5'",
};

/** The ids of a known-bad table that the loaded examples hold (an extract holds only some). */
export function knownBadAmong(known: Record<string, string>, ids: Iterable<string>): string[] {
  const present = new Set(ids);
  return Object.keys(known).filter((id) => present.has(id)).sort();
}

/** Maps with at most `limit` calls in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
