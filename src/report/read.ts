import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { fail } from '../core/errors.js';
import { ledgerEntrySchema, type LedgerEntry } from '../core/ledger.js';
import type { Diagnosis } from '../diagnosis/index.js';
import type { GateResult } from '../gate/index.js';
import { iterateJsonl } from '../store/index.js';
import { symptomCounts } from './adapt.js';
import { critiqueLineSchema, diagnosisFileSchema, gateFileSchema, intentFileSchema, iterationFileSchema, synthesisFileSchema } from './file-schemas.js';
import type { CritiqueLabels, ReportSources } from './sources.js';

/**
 * The report's thin edge: the files of one iteration folder (and the ledger) read and checked
 * into ReportSources. A file that is absent is listed in `missing` with what that means; a
 * file that is present but unreadable or malformed is an EREPORT_INPUT error naming it.
 */

export const ITERATION_FILES = {
  iteration: 'iteration.json',
  gate: 'gate.json',
  diagnosis: 'diagnosis.json',
  intent: 'intent.json',
  patch: 'rc.patch',
  critiques: 'critique.jsonl',
  synthesis: 'synthesis.json',
} as const;

const MEANING: Record<keyof typeof ITERATION_FILES, string> = {
  iteration: 'no iteration state: run ids and commits are unknown',
  gate: 'no gate result: the release candidate was not gated, so there is no decision, flip or test case',
  diagnosis: 'no diagnosis: the symptom table is left out',
  intent: "no intent: the engineer's stated aim is unknown",
  patch: 'no release candidate patch: the blueprint diff is left out',
  critiques: 'no critiques: no example shows symptom labels',
  synthesis: "no synthesis record: the engineer's usage is not counted",
};

export type Missing = NonNullable<ReportSources['missing']>;

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return fail('EREPORT_INPUT', `${path}: cannot read (${(error as Error).message})`, { cause: error });
  }
}

function checked<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return fail('EREPORT_INPUT', `${where}: ${field}${issue?.message ?? 'unexpected shape'}`);
}

function json(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail('EREPORT_INPUT', `${path}: not valid JSON (${(error as Error).message})`);
  }
}

async function readJson<S extends z.ZodType>(dir: string, name: keyof typeof ITERATION_FILES, schema: S, missing: Missing): Promise<z.infer<S> | null> {
  const path = join(dir, ITERATION_FILES[name]);
  const text = await readText(path);
  if (text === null) {
    missing.push({ file: ITERATION_FILES[name], meaning: MEANING[name] });
    return null;
  }
  return checked(schema, json(text, path), path);
}

async function readCritiques(path: string, missing: Missing): Promise<CritiqueLabels[] | null> {
  if ((await readText(path)) === null) {
    missing.push({ file: ITERATION_FILES.critiques, meaning: MEANING.critiques });
    return null;
  }
  const out: CritiqueLabels[] = [];
  let line = 0;
  for await (const value of iterateJsonl(path)) out.push(checked(critiqueLineSchema, value, `${path}:${++line}`));
  return out;
}

/** One iteration folder (`iterations/<agent>/<n>/`) as report sources. */
export async function readIterationFolder(dir: string): Promise<Omit<ReportSources, 'agent' | 'iteration'> & { missing: Missing }> {
  const missing: Missing = [];
  const state = await readJson(dir, 'iteration', iterationFileSchema, missing);
  const gate = (await readJson(dir, 'gate', gateFileSchema, missing)) as GateResult | null;
  const diagnosis = (await readJson(dir, 'diagnosis', diagnosisFileSchema, missing)) as Diagnosis | null;
  const intent = await readJson(dir, 'intent', intentFileSchema, missing);
  const patch = await readText(join(dir, ITERATION_FILES.patch));
  if (patch === null) missing.push({ file: ITERATION_FILES.patch, meaning: MEANING.patch });
  const critiques = await readCritiques(join(dir, ITERATION_FILES.critiques), missing);
  const synthesis = await readJson(dir, 'synthesis', synthesisFileSchema, missing);
  return { state, gate, diagnosis, intent, patch, critiques: critiques ?? [], synthesis, missing };
}

/** A ledger file (`releases/<agent>/ledger.jsonl`), each line checked against the ledger's schema. */
export function parseLedgerText(text: string, where: string): LedgerEntry[] {
  return text
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      const at = `${where}:${index + 1}`;
      const parsed = ledgerEntrySchema.safeParse(json(line, at));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      return fail('ELEDGER', `${at}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'not a ledger record'}`);
    });
}

/**
 * Symptom counts of earlier iterations from their diagnosis.json in the store (the ledger does
 * not carry them). An iteration without one has no bar, and is listed in `missing`.
 */
export async function readSymptomHistory(iterationDir: (n: number) => string, iterations: readonly number[], missing: Missing): Promise<Map<number, Record<string, number>>> {
  const history = new Map<number, Record<string, number>>();
  const absent: number[] = [];
  for (const n of iterations) {
    const path = join(iterationDir(n), ITERATION_FILES.diagnosis);
    const text = await readText(path);
    if (text === null) absent.push(n);
    else history.set(n, symptomCounts(checked(diagnosisFileSchema, json(text, path), path)));
  }
  if (absent.length > 0) missing.push({ file: `diagnosis.json of iteration${absent.length === 1 ? '' : 's'} ${absent.join(', ')}`, meaning: 'not in this store: the symptoms chart has no bar for them' });
  return history;
}
