/** `suite/id`: suite names cannot hold a slash, so the first one splits the key. */
export function exampleKey(suite: string, exampleId: string): string {
  return `${suite}/${exampleId}`;
}

/** One record's identity within a run: readers keep the last record per key. */
export function recordKey(record: { suite: string; exampleId: string; repeat: number }): string {
  return `${record.suite}/${record.exampleId}#${record.repeat}`;
}
