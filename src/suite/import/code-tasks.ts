import { resolve } from 'node:path';
import { z } from 'zod';
import type { ImportSource } from '../../config/index.js';
import { parseJsonl } from '../jsonl.js';
import type { ImportContext, ImportResult } from './context.js';

const humanEvalSchema = z.object({
  task_id: z.string().min(1),
  prompt: z.string(),
  canonical_solution: z.string().optional(),
  test: z.string(),
});

/** The body every HumanEval-style reference must beat: it compiles and answers nothing. */
const STUB = '  return undefined\n}\n';

/**
 * HumanEval-X (JSON lines: task_id, prompt, canonical_solution, test, ...). The agent sees the
 * prompt (the function's head and doc comment) and completes it; the scorer runs prompt +
 * completion + test. The canonical solution is kept as the simulated world's answer.
 */
export async function importHumanEvalX(source: Extract<ImportSource, { format: 'humaneval-x' }>, ctx: ImportContext): Promise<ImportResult> {
  const path = resolve(ctx.suiteDir, source.file);
  const file = ctx.display(path);
  const { rows, issues } = parseJsonl(await ctx.reads.text(path, 'source.file'), humanEvalSchema, file);
  const examples = rows.map(({ value: task, line }) => ({
    file,
    line,
    value: {
      id: task.task_id,
      input: { prompt: task.prompt },
      expected: { prefix: task.prompt, tests: task.test },
      tags: ['humaneval-x'],
      sim: { ...(task.canonical_solution === undefined ? {} : { answer: task.canonical_solution }), wrong: STUB },
    },
  }));
  return { examples, issues };
}

const multiplESchema = z.object({
  name: z.string().min(1),
  language: z.string().optional(),
  prompt: z.string(),
  tests: z.string().optional(),
});

const multiplETestsSchema = z.object({ name: z.string().min(1), tests: z.string() });

/**
 * MultiPL-E (JSON lines: name, language, prompt, tests, stop_tokens, ...). Its tests call the
 * function and exit non-zero on a failed assertion, so pass is exit 0. Where the tests are in a
 * file of their own (`tests:`, lines of { name, tests }), they are joined by name.
 */
export async function importMultiplE(source: Extract<ImportSource, { format: 'multipl-e' }>, ctx: ImportContext): Promise<ImportResult> {
  const path = resolve(ctx.suiteDir, source.file);
  const file = ctx.display(path);
  const { rows, issues } = parseJsonl(await ctx.reads.text(path, 'source.file'), multiplESchema, file);
  const testsByName = new Map<string, string>();
  if (source.tests) {
    const testsPath = resolve(ctx.suiteDir, source.tests);
    const parsed = parseJsonl(await ctx.reads.text(testsPath, 'source.tests'), multiplETestsSchema, ctx.display(testsPath));
    issues.push(...parsed.issues);
    for (const row of parsed.rows) testsByName.set(row.value.name, row.value.tests);
  }
  const examples: ImportResult['examples'] = [];
  for (const { value: task, line } of rows) {
    const tests = testsByName.get(task.name) ?? task.tests;
    if (tests === undefined) {
      issues.push({ file, line, path: 'tests', message: `no tests for "${task.name}"${source.tests ? ` here or in ${source.tests}` : ''}` });
      continue;
    }
    examples.push({
      file,
      line,
      // MultiPL-E's harness compiles TypeScript with tsc before running it: a type error fails there, so it fails here.
      value: { id: task.name, input: { prompt: task.prompt }, expected: { prefix: task.prompt, tests, ...(isTypeScript(task.language) ? { typecheck: true } : {}) }, tags: ['multipl-e', ...(task.language ? [task.language] : [])] },
    });
  }
  return { examples, issues };
}

function isTypeScript(language: string | undefined): boolean {
  return language === 'ts' || language === 'typescript';
}
