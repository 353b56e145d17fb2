import type { CritiqueRecord } from '../core/critique.js';
import type { RunRecord } from '../core/records.js';

export const SCRIPT_INPUT_VERSION = 1;

export interface ScriptInputMeta {
  agent: string | null;
  iteration: number | null;
}

/**
 * What a user script reads on stdin, as a stream of text chunks: one JSON document
 * `{"schemaVersion", "agent", "iteration", "records": [...], "critiques": [...]}` with each
 * record and each critique on its own line, so a script may `JSON.parse` the whole input or
 * read it line by line when it is large. Only dev records reach it (holdout records are
 * dropped here too, whatever the caller passes).
 */
export async function* scriptInput(meta: ScriptInputMeta, records: AsyncIterable<RunRecord> | Iterable<RunRecord>, critiques: Iterable<CritiqueRecord>): AsyncGenerator<string> {
  yield `{"schemaVersion":${SCRIPT_INPUT_VERSION},"agent":${JSON.stringify(meta.agent)},"iteration":${JSON.stringify(meta.iteration)},"records":[\n`;
  let first = true;
  for await (const record of records) {
    if (record.split !== 'dev') continue;
    yield `${first ? '' : ',\n'}${JSON.stringify(record)}`;
    first = false;
  }
  yield '\n],"critiques":[\n';
  first = true;
  for (const critique of critiques) {
    yield `${first ? '' : ',\n'}${JSON.stringify(critique)}`;
    first = false;
  }
  yield '\n]}\n';
}
