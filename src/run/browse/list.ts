import { readdir } from 'node:fs/promises';
import { storeLayout } from '../../store/index.js';
import { readManifest, runFiles } from '../read-records.js';
import { summariseRun } from '../summarise.js';

/** One run as `agentdevel runs` lists it. */
export interface RunListing {
  runId: string;
  agent: string;
  /** The blueprint's tree hash: which version of the agent played. */
  blueprintHash: string;
  suites: string[];
  sampleBase: number;
  shard: { index: number; count: number } | null;
  /** The run was restricted to some examples (`--example`, `--tag`, a gate's confirmation reruns). */
  subset: number | null;
  mergedFrom: number | null;
  records: number;
  expected: number;
  pass: number;
  fail: number;
  errors: number;
  passRate: number | null;
  simulated: boolean;
  model: string;
  createdAt: string;
}

/**
 * Every run in the store (of one agent, when given), newest first, each summed from its
 * records. A folder without a readable manifest (a run being created) is counted in `skipped`.
 */
export async function listRuns(storeDir: string, options: { agent?: string | undefined } = {}): Promise<{ runs: RunListing[]; skipped: string[] }> {
  const names = await readdir(storeLayout(storeDir).runsDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const runs: RunListing[] = [];
  const skipped: string[] = [];
  for (const name of names.sort()) {
    const files = runFiles(storeDir, name);
    const manifest = await readManifest(files, name).catch(() => undefined);
    if (!manifest) {
      skipped.push(name);
      continue;
    }
    if (options.agent !== undefined && manifest.agent !== options.agent) continue;
    const summary = await summariseRun(manifest, files.records, { roles: {}, ran: null });
    runs.push({
      runId: manifest.runId,
      agent: manifest.agent,
      blueprintHash: manifest.blueprintHash,
      suites: manifest.suites.map((s) => s.name),
      sampleBase: manifest.sampleBase,
      shard: manifest.shard ?? null,
      subset: manifest.examples?.length ?? null,
      mergedFrom: manifest.mergedFrom?.length ?? null,
      records: summary.total.records,
      expected: manifest.recordCount,
      pass: summary.total.pass,
      fail: summary.total.fail,
      errors: summary.total.error,
      passRate: summary.total.passRate,
      simulated: manifest.model.simulated,
      model: manifest.model.model,
      createdAt: manifest.createdAt,
    });
  }
  runs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { runs, skipped };
}
