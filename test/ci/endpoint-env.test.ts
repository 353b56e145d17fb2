import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEndpointEnv, loadProject, projectSchema } from '../../src/config/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { initProject } from './helpers.js';

const defaults = projectSchema.parse({});

describe('AGENTDEVEL_BASE_URL and AGENTDEVEL_<ROLE>_BASE_URL', () => {
  it('override baseURL: one role before all roles, lists balanced, sim, empty as unset', () => {
    const config = applyEndpointEnv(defaults, {
      AGENTDEVEL_BASE_URL: 'http://gpu-1:8000/v1',
      AGENTDEVEL_CRITIC_BASE_URL: ' https://a.example/v1, https://b.example/v1 ',
      AGENTDEVEL_ENGINEER_BASE_URL: '',
    });
    expect(config.endpoints.agent.baseURL).toBe('http://gpu-1:8000/v1');
    expect(config.endpoints.critic.baseURL).toEqual(['https://a.example/v1', 'https://b.example/v1']);
    expect(config.endpoints.engineer.baseURL).toBe('http://gpu-1:8000/v1');
    expect(applyEndpointEnv(defaults, { AGENTDEVEL_AGENT_BASE_URL: 'sim' }).endpoints.agent.baseURL).toBe('sim');
    expect(applyEndpointEnv(defaults, { AGENTDEVEL_BASE_URL: '  ' })).toBe(defaults);
    expect(applyEndpointEnv(defaults, {})).toBe(defaults);
  });

  it('refuses a value that is no http(s) URL, naming the variable (ECONFIG, exit 2)', async () => {
    expect(() => applyEndpointEnv(defaults, { AGENTDEVEL_AGENT_BASE_URL: 'ftp://x/v1' })).toThrow(
      expect.objectContaining({ code: 'ECONFIG', message: expect.stringContaining('AGENTDEVEL_AGENT_BASE_URL: "ftp://x/v1" is not an http(s) URL') }),
    );
    const root = await initProject();
    const result = await runCli(['run'], { cwd: root, env: { AGENTDEVEL_BASE_URL: 'localhost:8000' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^ECONFIG the environment variable AGENTDEVEL_BASE_URL: "localhost:8000" is not an http\(s\) URL/m);
    await expect(loadProject({ cwd: root, env: { AGENTDEVEL_BASE_URL: 'http://127.0.0.1:1/v1' } })).resolves.toMatchObject({
      config: { endpoints: { agent: { baseURL: 'http://127.0.0.1:1/v1' }, critic: { baseURL: 'http://127.0.0.1:1/v1' } } },
    });
  });

  it('points a run at a server over HTTP: `agentdevel serve --sim` on loopback answers every episode', async () => {
    const root = await initProject();
    // A real server needs the model named; the simulated one serves any name.
    const config = (await readFile(join(root, 'agentdevel.yaml'), 'utf8')).replace('agent: {baseURL: sim}', 'agent: {baseURL: sim, model: sim-agent}');
    await writeFile(join(root, 'agentdevel.yaml'), config);
    const server = execa(process.execPath, [CLI, 'serve', '--sim', '--port', '0'], { cwd: root, reject: false });
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        const found = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(chunk.toString());
        if (found) resolve(found[0]);
      });
      void server.then((r) => reject(new Error(`serve ended: ${r.stderr}`)));
    });
    try {
      const run = await runCli(['run', '--json'], { cwd: root, env: { AGENTDEVEL_AGENT_BASE_URL: url } });
      expect(run.exitCode, run.stderr).toBe(0);
      const { summary } = JSON.parse(run.stdout) as { summary: { total: { records: number; error: number } } };
      expect(summary.total).toMatchObject({ records: 24, error: 0 });
    } finally {
      server.kill('SIGTERM');
    }
    const ended = await server;
    const served = Number(/after (\d+) chat completions/.exec(ended.stderr)?.[1]);
    expect(served).toBeGreaterThanOrEqual(24);
  });
});
