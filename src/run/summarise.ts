import type { RunManifest } from '../core/records.js';
import { iterateLatestRecords } from './read-records.js';
import { SummaryBuilder, type RunSummary } from './summary.js';

/** Streams a run's records (the latest per key) into its summary. */
export async function summariseRun(manifest: RunManifest, recordsPath: string, extra: Parameters<SummaryBuilder['build']>[0]): Promise<RunSummary> {
  const builder = new SummaryBuilder(manifest);
  for await (const record of iterateLatestRecords(recordsPath)) builder.add(record);
  return builder.build(extra);
}
