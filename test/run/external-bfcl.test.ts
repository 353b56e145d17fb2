import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { BFCL_CATEGORIES, BFCL_KNOWN_BAD, benchmarkData, knownBadAmong, referenceOutput, writeBenchmarkProject } from '../suite/benchmark-data.js';
import { recordsOf } from './helpers.js';
import { writeReplayAgent } from './replay-agent.js';

for (const data of benchmarkData('bfcl')) {
  describe.skipIf(data.missing)(`BFCL (${data.label}) through the suite loader and run, with a command agent replaying the ground truth${data.missing ? ` (skipped: ${data.missing})` : ''}`, () => {
    it('every ground-truth answer passes, except those the data itself gets wrong', { timeout: 120_000 }, async () => {
      const { root, project } = await writeBenchmarkProject(data.dir);
      const suites = BFCL_CATEGORIES.map((c) => `bfcl-${c}`);
      // The first acceptable value of every parameter, as tool calls.
      await writeReplayAgent(project, suites, (example) => ({ toolCalls: referenceOutput(example).toolCalls }));
      const result = await executeRun({ project, agent: 'replay', suites });
      const records = await recordsOf(root, result.runId);
      const total = data.counts.bfcl;
      expect(records).toHaveLength(total);
      expect(records.filter((r) => r.status === 'error').map((r) => `${r.exampleId}: ${r.reason}`)).toEqual([]);
      const failing = records.filter((r) => r.status !== 'pass');
      for (const record of failing) if (!(record.exampleId in BFCL_KNOWN_BAD)) console.error(record.exampleId, record.feedback);
      const knownBad = knownBadAmong(BFCL_KNOWN_BAD, records.map((r) => r.exampleId));
      expect(knownBad.length, 'the data holds its known-bad items').toBeGreaterThan(0);
      expect(failing.map((r) => r.exampleId).sort()).toEqual(knownBad);
      expect(result.summary.total).toMatchObject({ records: total, pass: total - failing.length, error: 0 });
    });
  });
}
