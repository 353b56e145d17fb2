import type { CritiqueRecord } from '../core/critique.js';
import type { Logger } from '../core/log.js';
import type { RunRecord } from '../core/records.js';
import { exists, iterateJsonl, iterationFile, markCompleted, writeFileAtomic, type IterationState } from '../store/index.js';
import { fail } from '../core/errors.js';
import { parseCritique } from './critique-schema.js';
import { DiagnosisBuilder, serializeDiagnosis, withUserScripts } from './diagnose.js';
import { scriptInput } from './script-input.js';
import { renderSpec } from './spec.js';
import type { Diagnosis, DiagnosisOptions } from './types.js';
import { runUserScripts, type UserScript } from './user-scripts.js';

export const CRITIQUE_FILE = 'critique.jsonl';
export const DIAGNOSIS_FILE = 'diagnosis.json';
export const SPEC_FILE = 'spec.md';

export interface DiagnoseStageInput {
  storeDir: string;
  /** The project root: user scripts' paths are relative to it and they run in it. */
  root: string;
  state: IterationState;
  /** A fresh stream of the baseline run's records; called once for the diagnosis and once per user script. */
  records: () => AsyncIterable<RunRecord>;
  options: DiagnosisOptions;
  scripts: readonly UserScript[];
  withheldEnv?: readonly string[];
  logger?: Logger;
}

export interface DiagnoseStageResult {
  diagnosis: Diagnosis;
  state: IterationState;
  files: { diagnosis: string; spec: string };
}

/**
 * The diagnose stage on files: the iteration's critique.jsonl and its baseline run's records in,
 * diagnosis.json and spec.md out (each written atomically), the stage marked completed.
 */
export async function runDiagnoseStage(input: DiagnoseStageInput): Promise<DiagnoseStageResult> {
  const { storeDir, state } = input;
  const critiquePath = iterationFile(storeDir, state.agent, state.n, CRITIQUE_FILE);
  if (state.completed.critique === undefined || !(await exists(critiquePath))) {
    fail('ENOT_FOUND', `iteration ${state.n} of agent "${state.agent}" has no completed critique (${critiquePath})`, {
      details: `Run \`agentdevel critique --agent ${state.agent}\` first: the diagnosis aggregates the critic's labels.`,
    });
  }
  const builder = new DiagnosisBuilder(input.options);
  let entry = 0;
  for await (const value of iterateJsonl(critiquePath)) builder.addCritique(parseCritique(value, critiquePath, ++entry));
  for await (const record of input.records()) builder.addRecord(record);
  let diagnosis = builder.finish();

  if (input.scripts.length > 0) {
    const critiques: CritiqueRecord[] = builder.usedCritiques();
    const meta = { agent: diagnosis.input.agent, iteration: diagnosis.input.iteration };
    const results = await runUserScripts(input.scripts, { root: input.root, input: () => scriptInput(meta, input.records(), critiques), withheldEnv: input.withheldEnv ?? [] });
    for (const r of results) if (r.status !== 'ok') input.logger?.warn(`diagnosis script ${r.path}: ${r.status}: ${r.error ?? ''} (recorded in ${DIAGNOSIS_FILE}; the diagnosis goes on)`);
    diagnosis = withUserScripts(diagnosis, results);
  }

  const files = { diagnosis: iterationFile(storeDir, state.agent, state.n, DIAGNOSIS_FILE), spec: iterationFile(storeDir, state.agent, state.n, SPEC_FILE) };
  await writeFileAtomic(files.diagnosis, serializeDiagnosis(diagnosis));
  await writeFileAtomic(files.spec, renderSpec(diagnosis));
  const next = await markCompleted(storeDir, state, 'diagnose');
  return { diagnosis, state: next, files };
}
