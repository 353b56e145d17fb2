import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { HUMANEVAL_KNOWN_BAD, STUB_BODY, missingData, referenceOutput, writeBenchmarkProject } from '../suite/benchmark-data.js';
import { recordsOf } from './helpers.js';
import { writeReplayAgent } from './replay-agent.js';

const skipped = missingData('humaneval-x-js');

describe.skipIf(skipped)(`HumanEval-X JavaScript through the suite loader and run, with a command agent replaying bodies${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  it('canonical solutions pass 161 of 164 (the three known-bad references fail); `return undefined` bodies pass none', { timeout: 120_000 }, async () => {
    const { root, project } = await writeBenchmarkProject();
    await writeReplayAgent(project, ['humaneval-x-js'], (example) => ({ answer: referenceOutput(example).answer }));
    const canonical = await executeRun({ project, agent: 'replay', suites: ['humaneval-x-js'] });
    const records = await recordsOf(root, canonical.runId);
    expect(records).toHaveLength(164);
    expect(records.filter((r) => r.status === 'error').map((r) => `${r.exampleId}: ${r.reason}`)).toEqual([]);
    expect(canonical.summary.total.pass).toBe(161);
    expect(records.filter((r) => r.status === 'fail').map((r) => r.exampleId).sort()).toEqual(Object.keys(HUMANEVAL_KNOWN_BAD).sort());

    await writeReplayAgent(project, ['humaneval-x-js'], () => ({ answer: STUB_BODY }));
    const stubs = await executeRun({ project, agent: 'replay', suites: ['humaneval-x-js'] });
    expect(stubs.runId).not.toBe(canonical.runId);
    expect(stubs.summary.total).toMatchObject({ records: 164, pass: 0, fail: 164, error: 0 });
  });
});
