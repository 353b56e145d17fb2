import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUserScript, runUserScripts, scriptInput, type UserScriptRun } from '../../src/diagnosis/index.js';
import { critique, mixedSet, record, symptom } from './fixtures.js';

const root = join(import.meta.dirname, 'user-scripts');
const hashOf = async (name: string) => createHash('sha256').update(await readFile(join(root, name))).digest('hex');

function runWith(records = mixedSet(3).records, critiques = mixedSet(3).critiques, extra: Partial<UserScriptRun> = {}): UserScriptRun {
  return { root, input: () => scriptInput({ agent: 'bot', iteration: 4 }, records, critiques), ...extra };
}

describe('user diagnosis scripts', () => {
  it('ok: gets the dev records and critiques as JSON on stdin; its JSON result (keys sorted), file hash and exit status are recorded', async () => {
    const { records, critiques } = mixedSet(3);
    const result = await runUserScript({ path: 'count.mjs', timeoutMs: 20_000 }, runWith(records, critiques));
    expect(result).toEqual({
      path: 'count.mjs',
      sha256: await hashOf('count.mjs'),
      status: 'ok',
      exitCode: 0,
      signal: null,
      output: {
        agent: 'bot',
        alpha: { a: 1, b: 2 },
        critiques: critiques.length,
        iteration: 4,
        records: records.filter((r) => r.split === 'dev').length,
        schemaVersion: 1,
        splits: ['dev'],
        zeta: 1,
      },
      stderr: 'counted\n',
      error: null,
    });
    expect(Object.keys(result.output as object)).toEqual(['agent', 'alpha', 'critiques', 'iteration', 'records', 'schemaVersion', 'splits', 'zeta']);
  });

  it('streams a large input (about 20 MB) without holding up the script', async () => {
    const big = 'z'.repeat(4_000);
    const records = Array.from({ length: 5_000 }, (_, i) => record({ id: `big${i}`, status: i % 2 === 0 ? 'fail' : 'pass', tools: ['lookup_order'], padding: big }));
    const critiques = records.filter((r) => r.status === 'fail').map((r) => critique(r, [symptom('wrong-tool')]));
    const result = await runUserScript({ path: 'count.mjs', timeoutMs: 30_000 }, runWith(records, critiques));
    expect(result.status).toBe('ok');
    expect(result.output).toMatchObject({ records: 5_000, critiques: 2_500 });
  });

  it('each failure is reported, not thrown: non-zero exit, timeout, non-JSON output, missing file, not executable', async () => {
    const results = await runUserScripts(
      [
        { path: 'fail.mjs', timeoutMs: 20_000 },
        { path: 'sleep.mjs', timeoutMs: 300 },
        { path: 'not-json.mjs', timeoutMs: 20_000 },
        { path: 'missing.mjs', timeoutMs: 20_000 },
        { path: 'not-executable.sh', timeoutMs: 20_000 },
      ],
      runWith(),
    );
    const [failed, timedOut, notJson, missing, notExecutable] = results;
    expect(failed).toMatchObject({ status: 'failed', exitCode: 3, signal: null, output: null, sha256: await hashOf('fail.mjs'), error: 'exited with code 3' });
    expect(failed!.stderr).toContain('something broke in the script');
    expect(timedOut).toMatchObject({ status: 'timeout', output: null, sha256: await hashOf('sleep.mjs'), error: 'did not finish within 300 ms (killed)' });
    expect(timedOut!.signal).toBe('SIGTERM');
    expect(notJson).toMatchObject({ status: 'invalid-json', exitCode: 0, output: null, sha256: await hashOf('not-json.mjs') });
    expect(notJson!.error).toContain('tool error rate: 12%');
    expect(missing).toEqual({ path: 'missing.mjs', sha256: null, status: 'missing', exitCode: null, signal: null, output: null, stderr: '', error: 'no file at missing.mjs' });
    expect(notExecutable).toMatchObject({ status: 'error', sha256: await hashOf('not-executable.sh'), exitCode: null });
    expect(notExecutable!.error).toContain('could not be started');
  });

  it('runs any executable (a shell script), and a script that never reads its input', async () => {
    const [shell, ignoring] = await runUserScripts(
      [
        { path: 'shell.sh', timeoutMs: 20_000 },
        { path: 'ignore-stdin.mjs', timeoutMs: 20_000 },
      ],
      runWith(Array.from({ length: 3_000 }, (_, i) => record({ id: `r${i}`, status: 'fail', padding: 'p'.repeat(2_000) }))),
    );
    expect(shell).toMatchObject({ status: 'ok', output: { shell: true } });
    expect(ignoring).toMatchObject({ status: 'ok', output: { ignored: true } });
  });

  it('does not pass on the environment variables named as withheld (the endpoints\' API keys)', async () => {
    process.env.DIAG_TEST_API_KEY = 'sk-test-123456';
    process.env.DIAG_TEST_OTHER = 'visible';
    try {
      const result = await runUserScript({ path: 'env.mjs', timeoutMs: 20_000 }, runWith(undefined, undefined, { withheldEnv: ['DIAG_TEST_API_KEY'] }));
      expect(result.output).toEqual({ keySeen: false, otherSeen: true });
    } finally {
      delete process.env.DIAG_TEST_API_KEY;
      delete process.env.DIAG_TEST_OTHER;
    }
  });

  it('the example script shipped in diagnosis/ runs on the input and reports per-tool error rates', async () => {
    const withError = record({
      id: 'e1',
      status: 'fail',
      tools: ['lookup_order'],
      extraEvents: [{ type: 'error', step: 1, message: 'tool lookup_order failed: no such order' }],
    });
    const records = [withError, record({ id: 'e2', status: 'pass', tools: ['lookup_order', 'search_policy'] }), record({ id: 'h', status: 'fail', split: 'holdout', tools: ['escalate'] })];
    const result = await runUserScript({ path: 'diagnosis/tool-error-rate.mjs', timeoutMs: 20_000 }, { root: join(import.meta.dirname, '../..'), input: () => scriptInput({ agent: 'a', iteration: 1 }, records, []) });
    expect(result.status).toBe('ok');
    expect(result.output).toEqual({
      script: 'tool-error-rate',
      version: 1,
      tools: [
        // The holdout record's tool never reaches the script.
        { tool: 'lookup_order', calls: 2, errors: 1, errorRate: 0.5, inFailingRecords: 1, failingShare: 0.5 },
        { tool: 'search_policy', calls: 1, errors: 0, errorRate: 0, inFailingRecords: 0, failingShare: 0 },
      ],
    });
  });
});
