import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { git, initProject } from './helpers.js';
import { runWorkflow } from './local-runner.js';
import { writeShims } from './shims.js';
import { loadWorkflow } from './workflow.js';

const WORKFLOW = fileURLToPath(new URL('../../.github/workflows/agentdevel-release.yml', import.meta.url));

/**
 * The self-hosted GPU runner path, as the workflow writes it: the release workflow's own
 * prepare job and one shard of its baseline job, with AGENTDEVEL_SERVE_MODEL set. The serve
 * step starts `agentdevel serve --engine vllm` in the background, waits for its URL and hands
 * it to the run step. `vllm` is a stand-in (AGENTDEVEL_VLLM_BIN) that serves the simulated
 * world on the port agentdevel gives it, so the run's episodes really go over that server.
 */
describe('the workflow on a self-hosted GPU runner', () => {
  it('starts the engine, waits until it answers, and runs the shard against it', { timeout: 60_000 }, async () => {
    const root = await initProject({ origin: true });
    // A real server needs the role's model named (the simulated one serves any name).
    const config = (await readFile(join(root, 'agentdevel.yaml'), 'utf8')).replace('agent: {baseURL: sim}', 'agent: {baseURL: sim, model: sim-agent}');
    await writeFile(join(root, 'agentdevel.yaml'), config);
    await git(root, 'commit', '--quiet', '-am', 'name the model');
    await git(root, 'push', '--quiet', 'origin', 'main');
    const origin = (await git(root, 'remote', 'get-url', 'origin')).replace(/^file:\/\//, '');

    const work = await tempDir('agentdevel-gpu-');
    const { bin } = await writeShims(work);
    const vllm = join(work, 'fake-vllm');
    const served = join(work, 'served.log');
    await writeFile(
      vllm,
      `#!/bin/sh\n# vllm serve <model> --host <host> --port <port>\necho "$@" > "${served}"\nexec "${process.execPath}" "${CLI}" serve --sim --host "$4" --port "$6"\n`,
    );
    await chmod(vllm, 0o755);

    const { workflow } = await loadWorkflow(WORKFLOW);
    const baseline = { ...workflow.jobs.baseline!, strategy: { matrix: { shard: [1] } } };
    const dir = join(work, '.github', 'workflows');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'gpu.yml'), stringify({ ...workflow, jobs: { prepare: workflow.jobs.prepare, baseline } }));

    const run = await runWorkflow({
      workflowPath: join(dir, 'gpu.yml'),
      origin,
      ref: 'main',
      inputs: { agent: '', iterations: 1, gate: '' },
      vars: { AGENTDEVEL_RUNNER: 'gpu', AGENTDEVEL_SERVE_MODEL: 'sim-agent' },
      bin,
      work: join(work, 'run'),
      env: { AGENTDEVEL_VLLM_BIN: vllm },
    });
    const job = run.jobs.get('baseline')![0]!;
    const failed = job.steps.filter((s) => s.outcome === 'failure').map((s) => `${s.name}: ${s.stderr}`);
    expect(run.result('baseline'), failed.join('\n')).toBe('success');
    const serve = job.steps.find((s) => s.name.startsWith('Start the inference server'))!;
    expect(serve.outputs.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const port = new URL(serve.outputs.url!).port;
    expect(await readFile(served, 'utf8')).toBe(`serve sim-agent --host 127.0.0.1 --port ${port}\n`);

    const shard = job.steps.find((s) => s.name.startsWith('Run the version line'))!;
    expect(shard.outcome).toBe('success');
    const [runId] = await readdir(join(run.artifacts, 'baseline-shard-1'));
    const manifest = JSON.parse(await readFile(join(run.artifacts, 'baseline-shard-1', runId!, 'manifest.json'), 'utf8')) as { model: { simulated: boolean; model: string }; recordCount: number };
    expect(manifest.model).toMatchObject({ model: 'sim-agent', simulated: false });
    expect(manifest.recordCount).toBeGreaterThan(0);
    // The job's end stopped the server it left running (as the runner stops orphans).
    expect(await stopsAnswering(`${serve.outputs.url}/models`)).toBe(true);
  });
});

async function stopsAnswering(url: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
