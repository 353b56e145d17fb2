import type { Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import type { RunManifest } from '../core/records.js';
import { readRunRecords } from '../run/read-records.js';
import { loadSuites } from '../suite/index.js';
import type { LoadedSuite } from '../suite/types.js';
import type { Selectable } from './select.js';

/** What selection needs of every record (no traces kept); the run must be complete. */
export async function recordSelection(storeDir: string, manifest: RunManifest): Promise<Selectable[]> {
  const picks: Selectable[] = [];
  for await (const { runId, suite, exampleId, repeat, split, status } of readRunRecords(storeDir, manifest.runId)) picks.push({ runId, suite, exampleId, repeat, split, status });
  if (picks.length < manifest.recordCount) {
    fail('ERUN_INCOMPLETE', `run ${manifest.runId} has ${picks.length} of its ${manifest.recordCount} records`, {
      details: 'Rerun the same `agentdevel run` command to finish it (or run and merge its missing shards), then critique it.',
    });
  }
  return picks;
}

/** The suites the run played, as they are now: they must not have changed since. */
export async function suitesOfRun(project: Project, manifest: RunManifest): Promise<LoadedSuite[]> {
  const suites = await loadSuites(project, manifest.suites.map((s) => s.name));
  for (const suite of suites) {
    const ran = manifest.suites.find((s) => s.name === suite.name);
    if (ran && ran.hash !== suite.hash) {
      fail('ERUN_MISMATCH', `suite "${suite.name}" changed since run ${manifest.runId} (its hash was ${ran.hash.slice(0, 12)}, it is ${suite.hash.slice(0, 12)} now)`, {
        details: 'The critic must see the task the agent saw: run the current suite again and critique that run.',
      });
    }
  }
  return suites;
}
