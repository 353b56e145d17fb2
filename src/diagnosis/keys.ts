/** `suite/id`, the example's key everywhere in the pipeline. */
export function exampleKeyOf(record: { suite: string; exampleId: string }): string {
  return `${record.suite}/${record.exampleId}`;
}

/** One record of one run: the key critiques are joined to records by. */
export function recordKeyOf(record: { runId: string; suite: string; exampleId: string; repeat: number }): string {
  return `${record.runId}:${record.suite}/${record.exampleId}#${record.repeat}`;
}

/** The key without the run id, for people (`suite/id#repeat`). */
export function shortRecordKey(record: { suite: string; exampleId: string; repeat: number }): string {
  return `${record.suite}/${record.exampleId}#${record.repeat}`;
}
