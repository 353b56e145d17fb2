import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { BFCL_CATEGORIES, BFCL_KNOWN_BAD, missingData, referenceOutput, writeBenchmarkProject } from '../suite/benchmark-data.js';
import { recordsOf } from './helpers.js';
import { writeReplayAgent } from './replay-agent.js';

const skipped = missingData('bfcl');

describe.skipIf(skipped)(`BFCL through the suite loader and run, with a command agent replaying the ground truth${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  it('every ground-truth answer passes, except those the data itself gets wrong', { timeout: 120_000 }, async () => {
    const { root, project } = await writeBenchmarkProject();
    const suites = BFCL_CATEGORIES.map((c) => `bfcl-${c}`);
    // The first acceptable value of every parameter, as tool calls.
    await writeReplayAgent(project, suites, (example) => ({ toolCalls: referenceOutput(example).toolCalls }));
    const result = await executeRun({ project, agent: 'replay', suites });
    const records = await recordsOf(root, result.runId);
    expect(records).toHaveLength(650);
    expect(records.filter((r) => r.status === 'error').map((r) => `${r.exampleId}: ${r.reason}`)).toEqual([]);
    const failing = records.filter((r) => r.status !== 'pass');
    for (const record of failing) if (!(record.exampleId in BFCL_KNOWN_BAD)) console.error(record.exampleId, record.feedback);
    expect(failing.map((r) => r.exampleId).sort()).toEqual(Object.keys(BFCL_KNOWN_BAD).sort());
    expect(result.summary.total).toMatchObject({ records: 650, pass: 650 - failing.length, error: 0 });
  });
});
