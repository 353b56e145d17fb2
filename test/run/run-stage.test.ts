import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { executeRun, type RunOptions } from '../../src/run/index.js';
import { copyProject, qaProject, setPrompt, type QaProjectOptions } from './fixture.js';
import { journalLines, outcomes, recordsOf } from './helpers.js';

const fastRetries = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 };

async function run(root: string, options: Partial<RunOptions> = {}) {
  return executeRun({ project: await loadProject({ cwd: root }), agent: 'qa', suites: ['qa'], ...options });
}

/** A run against a world that faults, then the same run's records. */
async function faultyRun(project: QaProjectOptions, sim: { faultRate: number; faults: Array<'429' | '500' | 'hang'> }) {
  const root = await qaProject(project);
  const result = await run(root, { modelOptions: { sim: { ...sim, retryAfterMs: 5 }, retryPolicy: fastRetries, cache: false } });
  return { root, result, records: await recordsOf(root, result.runId) };
}

describe('run stage', () => {
  it('server errors beyond the retry budget are error records, never fail; --retry-errors reruns only those', async () => {
    const { root, result, records } = await faultyRun({ maxRetries: 1 }, { faultRate: 0.5, faults: ['500', '429'] });
    const errors = records.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(records.length);
    for (const record of errors) expect(record.errorCode).toBe('EMODEL_UNREACHABLE');
    expect(result.summary.total.error).toBe(errors.length);

    // The healthy, uninterrupted run of the same project gives the truth to compare with.
    const clean = await copyProject(root);
    const truth = await run(clean);
    expect(truth.runId).toBe(result.runId);
    const truthRecords = await recordsOf(clean, truth.runId);
    // A faulted attempt never turns a record into a fail: every fail is a fail of the healthy run too.
    for (const record of records.filter((r) => r.status === 'fail')) expect(truthRecords.find((t) => t.exampleId === record.exampleId)?.status).toBe('fail');

    const kept = records.filter((r) => r.status !== 'error');
    const retried = await run(root, { retryErrors: true });
    expect(retried.runId).toBe(result.runId);
    expect(retried.summary.ran).toBe(errors.length);
    expect(retried.summary.total.error).toBe(0);
    expect(await journalLines(root, result.runId)).toBe(records.length + errors.length);
    const after = await recordsOf(root, result.runId);
    for (const record of kept) expect(after.find((r) => r.exampleId === record.exampleId)?.startedAt).toBe(record.startedAt);
    expect(outcomes(after)).toEqual(outcomes(truthRecords));
  });

  it('a hanging server with a short endpoint timeout gives error records', async () => {
    const { records } = await faultyRun({ examples: 4, maxRetries: 0, endpointTimeoutMs: 300 }, { faultRate: 1, faults: ['hang'] });
    expect(records.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
    for (const record of records) expect(record.errorCode).toBe('EMODEL_UNREACHABLE');
  });

  it('a scorer that crashes on one example gives an error record for it and lets the run go on', async () => {
    const root = await qaProject({
      examples: 6,
      scorer: { kind: 'custom', module: 'crashy.mjs' },
      extraFiles: {
        'specs/crashy.mjs': `export default ({ example, output }) => {
  if (example.id === 'q002') throw new Error('boom');
  return output.answer === example.expected;
};\n`,
      },
    });
    const result = await run(root);
    const records = await recordsOf(root, result.runId);
    const crashed = records.filter((r) => r.status === 'error');
    expect(crashed.map((r) => r.exampleId)).toEqual(['q002']);
    expect(crashed[0]?.errorCode).toBe('ESCORER');
    expect(crashed[0]?.reason).toContain('boom');
    expect(records.filter((r) => r.status === 'pass').length).toBeGreaterThan(0);
  });

  it('a changed prompt is a new run id; the old run keeps its records', async () => {
    const root = await qaProject({ examples: 6 });
    const first = await run(root);
    await setPrompt(root, 'Answer in one word.');
    const second = await run(root);
    expect(second.runId).not.toBe(first.runId);
    expect(second.summary.ran).toBe(6);
    expect(await journalLines(root, first.runId)).toBe(6);
  });

  it('repeats use distinct sample indices; a fresh sample base is another run with other indices', async () => {
    const root = await qaProject({ examples: 6 });
    const first = await run(root, { repeats: 3 });
    const records = await recordsOf(root, first.runId);
    expect(records).toHaveLength(18);
    for (const id of new Set(records.map((r) => r.exampleId))) {
      expect(new Set(records.filter((r) => r.exampleId === id).map((r) => r.sampleIndex)).size).toBe(3);
    }
    const fresh = await run(root, { repeats: 3, sampleBase: 3 });
    expect(fresh.runId).not.toBe(first.runId);
    const before = new Set(records.map((r) => r.sampleIndex));
    for (const record of await recordsOf(root, fresh.runId)) expect(before.has(record.sampleIndex)).toBe(false);
  });

  it('an interrupted run throws EINTERRUPTED, keeps what finished, and the same call completes it', async () => {
    const root = await qaProject({ examples: 30, latencyMs: 40, concurrency: 2 });
    const controller = new AbortController();
    let seen = 0;
    const progress = { start() {}, stop() {}, record: () => void (++seen === 6 && controller.abort()) };
    await expect(run(root, { signal: controller.signal, progress })).rejects.toMatchObject({ code: 'EINTERRUPTED' });
    const again = await run(root);
    expect(again.summary.ran).toBeLessThan(30);
    expect(again.summary.ran).toBeGreaterThan(0);
    expect(again.summary.complete).toBe(true);
    expect(await journalLines(root, again.runId)).toBe(30);
  });

  it('one writer per run: a run whose lock is held by a live process is refused with ERUN_LOCKED; a dead owner is taken over', async () => {
    const root = await qaProject({ examples: 4 });
    const done = await run(root);
    const holder = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(join(done.dir, 'lock'), String(holder.pid));
      await expect(run(root)).rejects.toMatchObject({ code: 'ERUN_LOCKED', message: expect.stringContaining(String(holder.pid)) });
    } finally {
      holder.kill('SIGKILL');
      await holder.catch(() => undefined);
    }
    const again = await run(root);
    expect(again.runId).toBe(done.runId);
    expect(again.summary.ran).toBe(0);
  });
});
