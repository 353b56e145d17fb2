import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planOutputs, verdictOutputs } from '../../src/ci/index.js';
import { parseCommandLine } from './cli-parse.js';
import { condition, expressionsIn, interpolate } from './expressions.js';
import { evaluateEnv, plausibleContext, RUNNER_ENV, type Scenario } from './plausible.js';
import { agentdevelLines, loadWorkflow, matrixLegs, needsOf, shellWords, topologicalJobs, type Job } from './workflow.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(REPO, '.github', 'workflows');
const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();

const SCENARIOS: Scenario[] = [
  { event: 'workflow_dispatch', vars: {} },
  { event: 'workflow_dispatch', vars: { AGENTDEVEL_RUNNER: 'gpu', AGENTDEVEL_SERVE_MODEL: 'Qwen/Qwen2.5-7B-Instruct', AGENTDEVEL_ENGINE: 'vllm', AGENTDEVEL_AGENT: 'shop-assistant' } },
  { event: 'schedule', vars: { AGENTDEVEL_AGENT: 'shop-assistant', AGENTDEVEL_BASE_URL: 'https://models.example/v1' } },
];

/** Write scopes a job may hold, each with what in its steps needs it. */
const WRITE_NEEDS: Record<string, RegExp> = {
  contents: /\bgit push\b/,
  'pull-requests': /\bgh pr (create|edit)\b|\bagentdevel ci comment\b/,
  actions: /\bgh workflow run\b/,
};

const runText = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe.each(files)('workflow %s', (file) => {
  const loaded = loadWorkflow(join(WORKFLOWS, file));

  it('parses as YAML with jobs whose needs form a DAG of known jobs', async () => {
    const { workflow } = await loaded;
    expect(workflow.name).toBeTruthy();
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
    const order = topologicalJobs(workflow);
    expect(order.sort()).toEqual(Object.keys(workflow.jobs).sort());
    for (const job of Object.values(workflow.jobs)) {
      expect(job['runs-on']).toBeTruthy();
      expect(job.steps.length).toBeGreaterThan(0);
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run), `a step has exactly one of uses and run: ${JSON.stringify(step)}`).toBe(true);
    }
  });

  it('pins every action to a full commit SHA with its version in a comment', async () => {
    const { workflow, text } = await loaded;
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      expect(use, 'owner/repo@<40 hex digits>').toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      const lines = text.split('\n').filter((line) => line.includes(`uses: ${use}`));
      for (const line of lines) expect(line, 'the pinned version named in a comment').toMatch(/ # v\d+\.\d+\.\d+$/);
    }
  });

  it('holds least permissions: read at the top, each write scope only on a job whose steps need it', async () => {
    const { workflow } = await loaded;
    expect(typeof workflow.permissions, 'permissions declared at the workflow level').toBe('object');
    for (const [scope, level] of Object.entries(workflow.permissions as Record<string, string>)) expect([scope, level]).toEqual([scope, expect.stringMatching(/^(read|none)$/)]);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const granted = typeof job.permissions === 'object' ? job.permissions : {};
      expect(typeof job.permissions === 'string', `${name}: no read-all/write-all`).toBe(false);
      for (const [scope, level] of Object.entries(granted)) {
        if (level !== 'write') continue;
        expect(WRITE_NEEDS[scope], `${name}: ${scope}: write is not a scope these workflows need`).toBeDefined();
        expect(runText(job), `${name} holds ${scope}: write without a step that needs it`).toMatch(WRITE_NEEDS[scope]!);
      }
      for (const [scope, needs] of Object.entries(WRITE_NEEDS)) {
        if (needs.test(runText(job))) expect(granted[scope], `${name} needs ${scope}: write`).toBe('write');
      }
      const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
      if (checkout && granted.contents !== 'write') expect(checkout.with?.['persist-credentials'], `${name}: a job that pushes nothing keeps no token in .git/config`).toBe(false);
    }
  });

  it('puts no expression and no secret into a shell script (inputs and outputs reach run: only through env)', async () => {
    const { workflow } = await loaded;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps) {
        for (const source of expressionsIn(step.run ?? '')) expect(source, `${name}: ${step.name ?? step.run}`).toMatch(/^matrix\.[a-z]+$/);
        const secretEnv = Object.entries(step.env ?? {}).filter(([, v]) => /secrets\./.test(String(v))).map(([k]) => k);
        for (const variable of secretEnv) expect(step.run ?? '', `${name}: ${variable} (a secret) is read by agentdevel through apiKeyEnv, never by the script`).not.toMatch(new RegExp(`\\$\\{?${variable}\\b`));
      }
      for (const [key, value] of Object.entries(job.env ?? {})) expect(String(value), `${name}: env.${key}: secrets only on the steps that call models`).not.toMatch(/secrets\./);
    }
  });

  it('evaluates every expression with plausible values, reads only outputs that exist', async () => {
    const { workflow } = await loaded;
    for (const scenario of SCENARIOS) {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const produced = producedOutputs(job);
        for (const leg of matrixLegs(job)) {
          const ctx = plausibleContext(workflow, job, leg, scenario);
          expect(typeof interpolate(job['runs-on'], ctx)).toBe('string');
          condition(job.if, ctx);
          for (const value of Object.values(job.outputs ?? {})) interpolate(value, ctx);
          for (const step of job.steps) {
            condition(step.if, ctx);
            evaluateEnv(step.env, ctx);
            for (const value of Object.values(step.with ?? {})) interpolate(String(value), ctx);
            if (step.name) interpolate(step.name, ctx);
          }
        }
        const text = JSON.stringify(job);
        for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) expect(produced.get(id!), `${name}: steps.${id}.outputs.${output}`).toContain(output);
        for (const [, need, output] of text.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          expect(needsOf(job), `${name} reads needs.${need} without needing it`).toContain(need);
          expect(Object.keys(workflow.jobs[need!]?.outputs ?? {}), `${name}: needs.${need}.outputs.${output}`).toContain(output);
        }
      }
    }
  });

  it('runs agentdevel only with command lines its own CLI parser accepts', async () => {
    const { workflow } = await loaded;
    for (const scenario of SCENARIOS) {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        for (const leg of matrixLegs(job)) {
          const ctx = plausibleContext(workflow, job, leg, scenario);
          for (const step of job.steps) {
            const env = { ...RUNNER_ENV, ...(ctx.contexts.env as Record<string, string>), ...evaluateEnv(step.env, ctx) };
            for (const line of agentdevelLines(interpolate(step.run ?? '', ctx))) {
              const parsed = parseCommandLine(shellWords(line, env).slice(1));
              expect(parsed, `${file} ${name} ${JSON.stringify(leg)}: ${line}`).toMatchObject({ ok: true });
            }
          }
        }
      }
    }
  });

  it('runs each sharded command with --shard i/N where the matrix lists exactly 1..N', async () => {
    const { workflow } = await loaded;
    const counts = new Set<number>();
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const shards = [...runText(job).matchAll(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/g)].map((m) => Number(m[1]));
      if (shards.length === 0) {
        expect(runText(job), `${name}: --shard only as \${{ matrix.shard }}/N`).not.toMatch(/--shard/);
        continue;
      }
      for (const n of shards) {
        expect(job.strategy?.matrix?.shard, `${name}: matrix.shard for --shard i/${n}`).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        counts.add(n);
      }
    }
    expect(counts.size, 'every sharded job splits the suite the same way').toBeLessThanOrEqual(1);
  });
});

describe('the release workflow', () => {
  const path = join(WORKFLOWS, 'agentdevel-release.yml');

  it('is the template `agentdevel init` copies, byte for byte', async () => {
    expect(await readFile(path, 'utf8')).toBe(await readFile(join(REPO, 'templates', 'workflows', 'agentdevel-release.yml'), 'utf8'));
  });

  it('is dispatched with agent, iterations and gate, runs on a schedule, one release per agent at a time', async () => {
    const { workflow } = await loadWorkflow(path);
    expect(Object.keys((workflow.on.workflow_dispatch as { inputs: object }).inputs).sort()).toEqual(['agent', 'gate', 'iterations']);
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
    const group = (agent: string, vars: Record<string, string>) =>
      interpolate(workflow.concurrency!.group, { contexts: { inputs: { agent }, vars, github: { workflow: workflow.name } } });
    expect(group('shop-assistant', {})).not.toBe(group('support-bot', {}));
    expect(group('', { AGENTDEVEL_AGENT: 'support-bot' })).toBe(group('support-bot', {}));
    expect(workflow.concurrency!['cancel-in-progress']).toBe(false);
  });

  it('gives every model call the endpoint settings, and starts a server only on the GPU runner', async () => {
    const { workflow } = await loadWorkflow(path);
    const modelCommands = /agentdevel (run|critique|synthesize|gate)\b/;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const calls = job.steps.filter((s) => modelCommands.test(s.run ?? ''));
      if (calls.length === 0) continue;
      expect(job['runs-on'], name).toBe("${{ vars.AGENTDEVEL_RUNNER || 'ubuntu-latest' }}");
      const serve = job.steps.findIndex((s) => s.id === 'serve');
      expect(serve, `${name} starts the inference server before calling models`).toBeGreaterThanOrEqual(0);
      expect(job.steps[serve]!.if).toBe("vars.AGENTDEVEL_SERVE_MODEL != ''");
      for (const step of calls) {
        expect(job.steps.indexOf(step), name).toBeGreaterThan(serve);
        expect(step.env, `${name}: ${step.name}`).toMatchObject({
          AGENTDEVEL_BASE_URL: '${{ steps.serve.outputs.url || vars.AGENTDEVEL_BASE_URL }}',
          AGENTDEVEL_API_KEY: '${{ secrets.AGENTDEVEL_API_KEY }}',
        });
      }
    }
  });

  it('repeats its shared steps word for word in every job (the install, the server start, the version line fetch)', async () => {
    const { workflow } = await loadWorkflow(path);
    for (const name of ['Install agentdevel', 'Start the inference server (self-hosted GPU runner)', 'Version line from origin', 'Commit as github-actions[bot]']) {
      const copies = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.name === name)).map((s) => JSON.stringify(s));
      expect(copies.length, name).toBeGreaterThan(1);
      expect(new Set(copies).size, `${name}: every copy alike`).toBe(1);
    }
    const installs = Object.entries(workflow.jobs).filter(([, job]) => job.steps.some((s) => /\bagentdevel /.test(s.run ?? '')));
    for (const [name, job] of installs) expect(job.steps.findIndex((s) => s.name === 'Install agentdevel'), `${name} installs agentdevel first`).toBe(2);
  });

  it('publishes after the gate, or after improve when there is no candidate, and never after a failure', async () => {
    const { workflow } = await loadWorkflow(path);
    const publish = (improve: string, candidate: string, gate: string) =>
      condition(workflow.jobs.publish!.if, {
        contexts: { needs: { improve: { result: improve, outputs: { candidate } }, gate: { result: gate } } },
        status: { success: improve === 'success' && gate === 'success' },
      });
    expect(publish('success', 'true', 'success')).toBe(true);
    expect(publish('success', 'false', 'skipped')).toBe(true);
    expect(publish('success', 'true', 'skipped')).toBe(false);
    expect(publish('success', 'true', 'failure')).toBe(false);
    expect(publish('failure', '', 'skipped')).toBe(false);
    const candidate = (value: string) => condition(workflow.jobs.candidate!.if, { contexts: { needs: { improve: { outputs: { candidate: value } } } }, status: { success: true } });
    expect([candidate('true'), candidate('false')]).toEqual([true, false]);
    const prepare = (event: string, agent: string) => condition(workflow.jobs.prepare!.if, { contexts: { github: { event_name: event }, vars: agent ? { AGENTDEVEL_AGENT: agent } : {} }, status: { success: true } });
    expect([prepare('schedule', ''), prepare('schedule', 'a'), prepare('workflow_dispatch', '')]).toEqual([false, true, true]);
  });

  it('ends with the gate exit code, after recording, pushing and the pull request', async () => {
    const { workflow } = await loadWorkflow(path);
    const steps = workflow.jobs.publish!.steps;
    const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ''));
    const order = [at(/agentdevel record/), at(/git push --follow-tags/), at(/agentdevel ci /), at(/gh pr create/), at(/exit "\$EXIT_CODE"/)];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order[4]).toBe(steps.length - 1);
    expect(steps[order[4]!]!.env).toEqual({ EXIT_CODE: '${{ steps.ci.outputs.exit-code }}' });
    expect(steps.find((s) => /gh pr create/.test(s.run ?? ''))!.run).toMatch(/--body-file "\$RUNNER_TEMP\/pr-body\.md"/);
  });
});

/** Step id → the outputs it sets: those of `agentdevel ci` / `ci plan`, and `echo "name=…" >> "$GITHUB_OUTPUT"`. */
function producedOutputs(job: Job): Map<string, string[]> {
  const produced = new Map<string, string[]>();
  const plan = Object.keys(planOutputs({ agent: 'a', iteration: 1, sampleBase: 0, branch: 'b', lineExists: true, baselineCommit: 'c', version: null, rcBranch: null, rcCommit: null }));
  const verdict = Object.keys(verdictOutputs({ agent: 'a', iteration: 1, gate: null, recorded: null, version: null, simulated: true }));
  for (const step of job.steps) {
    if (!step.id) continue;
    const run = step.run ?? '';
    const names = [...run.matchAll(/echo "([\w-]+)=[^\n]*>> "\$GITHUB_OUTPUT"/g)].map((m) => m[1]!);
    if (/agentdevel ci plan\b/.test(run)) names.push(...plan, 'gate');
    else if (/agentdevel ci check-plan\b/.test(run)) names.push('agent', 'base', 'base-ref', 'same');
    else if (/agentdevel ci check\b/.test(run)) names.push('decision', 'exit-code', 'p2f', 'f2p', 'check');
    else if (/agentdevel ci\b/.test(run)) names.push(...verdict);
    produced.set(step.id, names);
  }
  return produced;
}


describe('the pull-request check workflow', () => {
  const path = join(WORKFLOWS, 'agentdevel-check.yml');

  it('is the template `agentdevel init` copies, byte for byte', async () => {
    expect(await readFile(path, 'utf8')).toBe(await readFile(join(REPO, 'templates', 'workflows', 'agentdevel-check.yml'), 'utf8'));
  });

  it('runs on pull requests touching agents, suites, gate policies or agentdevel.yaml; a new push replaces the running check', async () => {
    const { workflow } = await loadWorkflow(path);
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect((workflow.on.pull_request as { paths: string[] }).paths).toEqual(['agents/**', 'specs/**', 'gates/**', 'agentdevel.yaml']);
    const group = (n: number) => interpolate(workflow.concurrency!.group, { contexts: { github: { event: { pull_request: { number: n } } } } });
    expect(group(1)).not.toBe(group(2));
    expect(workflow.concurrency!['cancel-in-progress']).toBe(true);
  });

  it('runs both versions on the matrix, merges each side, checks against the planned base, posts one comment, and ends with the verdict', async () => {
    const { workflow } = await loadWorkflow(path);
    const shards = runText(workflow.jobs.shards!);
    expect(shards).toContain('agentdevel run --agent "$AGENT" --agent-ref "$BASE" --shard ${{ matrix.shard }}/4');
    expect(shards).toContain('agentdevel run --agent "$AGENT" --shard ${{ matrix.shard }}/4');
    expect(shards, 'the shards run at the sample base `check` uses').not.toMatch(/--sample-base/);
    const gate = workflow.jobs.gate!;
    expect(needsOf(gate).sort()).toEqual(['plan', 'shards']);
    const steps = gate.steps.map((s) => s.run ?? s.uses ?? '');
    const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s));
    expect(at(/agentdevel merge "\$RUNNER_TEMP"\/shards\/base\/\*\n/)).toBeGreaterThan(0);
    expect(at(/agentdevel check --agent "\$AGENT" --base "\$BASE"/)).toBeGreaterThan(at(/agentdevel merge/));
    expect(at(/agentdevel ci check --dir/)).toBeGreaterThan(at(/agentdevel check --agent/));
    expect(at(/agentdevel ci comment --agent "\$AGENT" --body "\$RUNNER_TEMP\/check\/report.md"/)).toBeGreaterThan(at(/agentdevel ci check --dir/));
    expect(gate.steps.find((s) => /agentdevel ci comment/.test(s.run ?? ''))!.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
    expect(gate.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const last = gate.steps[gate.steps.length - 1]!;
    expect(last.run).toBe('exit "$EXIT_CODE"');
    expect(last.env).toEqual({ EXIT_CODE: '${{ steps.ci.outputs.exit-code }}' });
    // A verdict (10, 11) lets the comment be posted first; any other failure stops the job there.
    expect(steps[at(/agentdevel check --agent/)]).toContain('if [ "$status" -ne 0 ] && [ "$status" -ne 10 ] && [ "$status" -ne 11 ]; then exit "$status"; fi');
  });

  it('gives every model call the endpoint settings and repeats the shared steps of the release workflow word for word', async () => {
    const { workflow } = await loadWorkflow(path);
    const release = (await loadWorkflow(join(WORKFLOWS, 'agentdevel-release.yml'))).workflow;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps.filter((s) => /agentdevel (run|check) /.test(s.run ?? ''))) {
        expect(job.steps.findIndex((s) => s.id === 'serve'), `${name} starts the inference server before calling models`).toBeLessThan(job.steps.indexOf(step));
        expect(step.env, `${name}: ${step.name}`).toMatchObject({ AGENTDEVEL_BASE_URL: '${{ steps.serve.outputs.url || vars.AGENTDEVEL_BASE_URL }}', AGENTDEVEL_API_KEY: '${{ secrets.AGENTDEVEL_API_KEY }}' });
      }
    }
    for (const name of ['Install agentdevel', 'Start the inference server (self-hosted GPU runner)']) {
      const copies = [workflow, release].flatMap((w) => Object.values(w.jobs).flatMap((job) => job.steps.filter((s) => s.name === name))).map((s) => JSON.stringify(s));
      expect(new Set(copies).size, `${name}: every copy alike`).toBe(1);
    }
  });
});
