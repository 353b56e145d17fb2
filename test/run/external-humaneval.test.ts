import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { HUMANEVAL_KNOWN_BAD, STUB_BODY, benchmarkData, knownBadAmong, referenceOutput, writeBenchmarkProject } from '../suite/benchmark-data.js';
import { recordsOf } from './helpers.js';
import { writeReplayAgent } from './replay-agent.js';

for (const data of benchmarkData('humaneval-x-js')) {
  const { humaneval: total, humanevalCanonicalPass: passing } = data.counts;
  describe.skipIf(data.missing)(`HumanEval-X JavaScript (${data.label}) through the suite loader and run, with a command agent replaying bodies${data.missing ? ` (skipped: ${data.missing})` : ''}`, () => {
    it(`canonical solutions pass ${passing} of ${total} (the known-bad references fail); \`return undefined\` bodies pass none`, { timeout: 120_000 }, async () => {
      const { root, project } = await writeBenchmarkProject(data.dir);
      await writeReplayAgent(project, ['humaneval-x-js'], (example) => ({ answer: referenceOutput(example).answer }));
      const canonical = await executeRun({ project, agent: 'replay', suites: ['humaneval-x-js'] });
      const records = await recordsOf(root, canonical.runId);
      expect(records).toHaveLength(total);
      expect(records.filter((r) => r.status === 'error').map((r) => `${r.exampleId}: ${r.reason}`)).toEqual([]);
      expect(canonical.summary.total.pass).toBe(passing);
      expect(records.filter((r) => r.status === 'fail').map((r) => r.exampleId).sort()).toEqual(knownBadAmong(HUMANEVAL_KNOWN_BAD, records.map((r) => r.exampleId)));

      await writeReplayAgent(project, ['humaneval-x-js'], () => ({ answer: STUB_BODY }));
      const stubs = await executeRun({ project, agent: 'replay', suites: ['humaneval-x-js'] });
      expect(stubs.runId).not.toBe(canonical.runId);
      expect(stubs.summary.total).toMatchObject({ records: total, pass: 0, fail: total, error: 0 });
    });
  });
}
