import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rawServer, sendJson } from '../llm/raw-server.js';
import { qaProject } from './fixture.js';
import { recordsOf } from './helpers.js';

/** A project whose episodes have 1.5 s each and whose endpoint allows more retries than fit in that. */
async function project(baseURL: string): Promise<string> {
  const root = await qaProject({ examples: 3, baseURL, maxRetries: 20, concurrency: 3 });
  const suitePath = join(root, 'specs/qa.yaml');
  const suite = JSON.parse(await readFile(suitePath, 'utf8')) as Record<string, unknown>;
  await writeFile(suitePath, JSON.stringify({ ...suite, timeoutMs: 1_500 }));
  return root;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function runOf(root: string) {
  const result = await runCli(['--json', 'run', '--agent', 'qa'], { cwd: root });
  const { runId } = JSON.parse(result.stdout) as { runId: string };
  return { ...result, records: await recordsOf(root, runId) };
}

describe('an episode whose whole time went to retrying an unavailable endpoint', () => {
  it('is an error with the endpoint\'s code (HTTP 500 to everything), not the agent\'s timeout; the run exits 3 saying nothing was measured', async () => {
    const server = await rawServer((_, res) => sendJson(res, 500, { error: { code: 500, message: 'Internal server error', type: 'server_error' } }));
    const run = await runOf(await project(server.url));
    expect(run.records).toHaveLength(3);
    for (const record of run.records) {
      expect(record.status).toBe('error');
      expect(record).toMatchObject({ errorCode: 'EMODEL_UNREACHABLE', reason: expect.stringMatching(/ran out while retrying the model endpoint: .*HTTP 500/) });
    }
    expect(server.received.length).toBeGreaterThan(3);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('every record of run');
    expect(run.stderr).toContain('nothing was measured');
  });

  it('is an error when the connection is refused on every try', async () => {
    const run = await runOf(await project(`http://127.0.0.1:${await closedPort()}/v1`));
    expect(run.records.map((r) => [r.status, r.errorCode])).toEqual([
      ['error', 'EMODEL_UNREACHABLE'],
      ['error', 'EMODEL_UNREACHABLE'],
      ['error', 'EMODEL_UNREACHABLE'],
    ]);
    expect(run.records[0]?.reason).toMatch(/connection failed/i);
    expect(run.exitCode).toBe(3);
  });
});
