/** One record of one run: the order user scripts get critiques in. */
export function recordKeyOf(record: { runId: string; suite: string; exampleId: string; repeat: number }): string {
  return `${record.runId}:${record.suite}/${record.exampleId}#${record.repeat}`;
}
