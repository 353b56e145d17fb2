import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fail } from '../core/errors.js';
import { iterationFile, type IterationState } from '../store/index.js';
import type { Exemplar } from './types.js';

export const SPEC_FILE = 'spec.md';
export const DIAGNOSIS_FILE = 'diagnosis.json';

/**
 * The part of diagnosis.json synthesis reads, checked at the file boundary (the diagnosis
 * module is not imported: stages know each other only through their files).
 */
const diagnosisView = z.object({
  input: z.object({ simulated: z.boolean() }).loose(),
  target: z.object({ status: z.enum(['targeted', 'no-actionable-symptom']), targets: z.array(z.string()), reason: z.string() }).loose(),
  exemplars: z.array(
    z.object({
      label: z.string(),
      exemplars: z.array(z.object({ suite: z.string(), exampleId: z.string(), trace: z.string() }).loose()),
    }).loose(),
  ),
}).loose();

export interface EngineerBrief {
  spec: string;
  targets: string[];
  /** Why there is nothing to target, when the diagnosis found no actionable symptom. */
  noTarget: string | undefined;
  /** Exemplars of the targeted labels. */
  exemplars: Exemplar[];
  simulated: boolean;
}

export async function readEngineerBrief(storeDir: string, state: IterationState): Promise<EngineerBrief> {
  const specPath = iterationFile(storeDir, state.agent, state.n, SPEC_FILE);
  const diagnosisPath = iterationFile(storeDir, state.agent, state.n, DIAGNOSIS_FILE);
  const spec = await readStageFile(specPath, state);
  const text = await readStageFile(diagnosisPath, state);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('ESTORE', `${diagnosisPath}: not valid JSON (${(error as Error).message})`, { cause: error, details: `Rerun \`agentdevel diagnose --agent ${state.agent} --iteration ${state.n}\` to write it again.` });
  }
  const parsed = diagnosisView.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('ESTORE', `${diagnosisPath}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unexpected shape'}`, {
      details: `Rerun \`agentdevel diagnose --agent ${state.agent} --iteration ${state.n}\` with this version of agentdevel.`,
    });
  }
  const d = parsed.data;
  const exemplars = d.exemplars
    .filter((group) => d.target.targets.includes(group.label))
    .flatMap((group) => group.exemplars.map((e) => ({ label: group.label, suite: e.suite, exampleId: e.exampleId, text: e.trace })));
  return {
    spec,
    targets: d.target.targets,
    noTarget: d.target.status === 'no-actionable-symptom' ? d.target.reason : undefined,
    exemplars,
    simulated: d.input.simulated,
  };
}

async function readStageFile(path: string, state: IterationState): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail('ESTORE', `${path}: cannot read (${(error as Error).message})`, { cause: error });
    return fail('ENOT_FOUND', `iteration ${state.n} of agent "${state.agent}" has no ${path.endsWith('.md') ? SPEC_FILE : DIAGNOSIS_FILE} yet (${path})`, {
      details: `Run \`agentdevel diagnose --agent ${state.agent} --iteration ${state.n}\` first: the engineer works from the diagnosis.`,
    });
  }
}
