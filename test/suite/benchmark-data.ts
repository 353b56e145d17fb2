/**
 * Helpers for tests on public benchmark data in ../shared/data (never copied into the project):
 * a temp project whose suites point `source:` at the data, replayed answers built from the
 * loaded examples, and the known mistakes of the data itself. Shared by the scorer tests and
 * the run-stage tests.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import type { LoadedExample } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const BFCL_CATEGORIES = ['simple_python', 'simple_javascript', 'multiple'] as const;

/** Why tests on a data set cannot run here, or undefined when they can. */
export function missingData(set: 'bfcl' | 'humaneval-x-js'): string | undefined {
  const files =
    set === 'bfcl'
      ? BFCL_CATEGORIES.flatMap((c) => [join(SHARED_DATA, 'bfcl', `BFCL_v4_${c}.json`), join(SHARED_DATA, 'bfcl', 'possible_answer', `BFCL_v4_${c}.json`)])
      : [join(SHARED_DATA, 'humaneval-x-js', 'humaneval_js.jsonl')];
  const missing = files.find((f) => !existsSync(f));
  return missing ? `${missing} is absent` : undefined;
}

/** Suite files for the data sets present, as `specs/<name>.yaml` text. */
export function benchmarkSuites(): Record<string, string> {
  const suites: Record<string, string> = {};
  if (!missingData('bfcl')) {
    for (const category of BFCL_CATEGORIES) {
      const questions = join(SHARED_DATA, 'bfcl', `BFCL_v4_${category}.json`);
      const answers = join(SHARED_DATA, 'bfcl', 'possible_answer', `BFCL_v4_${category}.json`);
      suites[`specs/bfcl-${category}.yaml`] = `name: bfcl-${category}\nsource: {format: bfcl, questions: ${JSON.stringify(questions)}, answers: ${JSON.stringify(answers)}}\nscorer: {kind: tool-calls}\n`;
    }
  }
  if (!missingData('humaneval-x-js')) {
    const file = join(SHARED_DATA, 'humaneval-x-js', 'humaneval_js.jsonl');
    suites['specs/humaneval-x-js.yaml'] = `name: humaneval-x-js\nsource: {format: humaneval-x, file: ${JSON.stringify(file)}}\nscorer: {kind: code, mode: humaneval-x, timeoutMs: 20000}\n`;
  }
  return suites;
}

/** A temp project holding the benchmark suites (plus any extra files, e.g. an agent). */
export async function writeBenchmarkProject(extra: Record<string, string> = {}): Promise<{ root: string; project: Project }> {
  const root = await writeTree({ 'agentdevel.yaml': '{}\n', ...benchmarkSuites(), ...extra });
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
