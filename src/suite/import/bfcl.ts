import { resolve } from 'node:path';
import { z } from 'zod';
import type { ImportSource } from '../../config/index.js';
import { parseJsonl } from '../jsonl.js';
import { referenceCall } from './bfcl-reference.js';
import { toJsonSchema } from './bfcl-schema.js';
import type { ImportContext, ImportResult } from './context.js';

const questionSchema = z.object({
  id: z.string().min(1),
  question: z.array(z.array(z.object({ role: z.string(), content: z.string() }))).min(1),
  function: z.array(z.object({ name: z.string().min(1), description: z.string().default(''), parameters: z.record(z.string(), z.unknown()) })),
});

const answerSchema = z.object({
  id: z.string().min(1),
  ground_truth: z.array(z.record(z.string(), z.record(z.string(), z.array(z.unknown())))),
});

/** `answers: none`: no possible-answer file; every question's right answer is to call nothing (BFCL's irrelevance category). */
export const NO_ANSWERS = 'none';

/** The category of a BFCL id: `simple_python_12` → `simple_python`. */
const categoryOf = (id: string) => id.replace(/_\d+$/, '');

/**
 * The Berkeley Function Calling Leaderboard's files as they are: a question file and a
 * possible-answer file, both JSON lines (despite .json), joined by id. Each question becomes an
 * example whose input is its turns as messages, whose tools are its functions (in JSON Schema)
 * and whose expected calls are the ground truth.
 */
export async function importBfcl(source: Extract<ImportSource, { format: 'bfcl' }>, ctx: ImportContext): Promise<ImportResult> {
  const questionsPath = resolve(ctx.suiteDir, source.questions);
  const questionsFile = ctx.display(questionsPath);
  const questions = parseJsonl(await ctx.reads.text(questionsPath, 'source.questions'), questionSchema, questionsFile);
  if (source.answers === NO_ANSWERS) return { examples: questions.rows.map((row) => example(row.value, row.line, questionsFile, [])), issues: questions.issues };
  const answersPath = resolve(ctx.suiteDir, source.answers);
  const answersFile = ctx.display(answersPath);
  const answers = parseJsonl(await ctx.reads.text(answersPath, 'source.answers'), answerSchema, answersFile);
  const issues = [...questions.issues, ...answers.issues];

  const answerById = new Map(answers.rows.map((row) => [row.value.id, row]));
  const questionIds = new Set(questions.rows.map((row) => row.value.id));
  for (const row of answers.rows) {
    if (!questionIds.has(row.value.id)) issues.push({ file: answersFile, line: row.line, path: 'id', message: `no question with id "${row.value.id}" in ${questionsFile}` });
  }

  const examples: ImportResult['examples'] = [];
  for (const { value: q, line } of questions.rows) {
    const answer = answerById.get(q.id);
    if (!answer) {
      issues.push({ file: questionsFile, line, path: 'id', message: `no possible answer with id "${q.id}" in ${answersFile}` });
      continue;
    }
    examples.push(example(q, line, questionsFile, answer.value.ground_truth));
  }
  return { examples, issues };
}

/** One question as an example; `truth` [] means the right answer is no call (the irrelevance category). */
function example(q: z.infer<typeof questionSchema>, line: number, file: string, truth: z.infer<typeof answerSchema>['ground_truth']): ImportResult['examples'][number] {
  return {
    file,
    line,
    value: {
      id: q.id,
      input: { messages: q.question.flat() },
      tools: q.function.map((fn) => ({ name: fn.name, description: fn.description, parameters: toJsonSchema({ type: 'dict', ...fn.parameters }) })),
      expected: truth,
      tags: ['bfcl', categoryOf(q.id)],
      sim: { calls: truth.map((entry) => referenceCall(...(Object.entries(entry)[0] ?? ['', {}]))) },
    },
  };
}
