import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { condition, interpolate, type ExpressionContext, type Value } from './expressions.js';
import { parseFileCommands } from './file-commands.js';
import { checkout, downloadArtifact, ensureDir, uploadArtifact } from './local-actions.js';
import { loadWorkflow, matrixLegs, needsOf, topologicalJobs, type Job, type Step, type Workflow } from './workflow.js';

/**
 * A small local GitHub Actions runner for the project's own workflows: jobs in dependency
 * order, matrix legs as concurrent processes, `if:` and expressions evaluated, each job in a
 * fresh clone of the origin, steps run by bash -e with the runner's file commands
 * (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY), job outputs passed on through
 * `needs`, artifacts passed between jobs as folders. The step named "Install agentdevel" is
 * what the runner provides itself: agentdevel on PATH (the built CLI).
 */
export interface RunOptions {
  workflowPath: string;
  /** The bare repository the jobs clone and push to. */
  origin: string;
  ref: string;
  inputs: Record<string, Value>;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Folder for workspaces, artifacts and runner files. */
  work: string;
  /** Prepended to PATH (agentdevel, gh). */
  bin: string;
  /** The github context's event (default: a workflow_dispatch on the repository). */
  event?: { name: string; payload: Record<string, Value> };
  env?: Record<string, string>;
}

export interface StepRun {
  name: string;
  outcome: 'success' | 'failure' | 'skipped';
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  ms?: number;
}

export interface JobRun {
  job: string;
  leg: Record<string, Value>;
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  steps: StepRun[];
  summary: string;
  /** Workflow command lines (`::error …`) the steps printed. */
  commands: string[];
  workspace: string;
}

export interface WorkflowRun {
  jobs: Map<string, JobRun[]>;
  result(job: string): JobRun['result'];
  artifacts: string;
}

export async function runWorkflow(options: RunOptions): Promise<WorkflowRun> {
  const { workflow } = await loadWorkflow(options.workflowPath);
  const artifacts = await ensureDir(join(options.work, 'artifacts'));
  const jobs = new Map<string, JobRun[]>();
  const result = (name: string): JobRun['result'] => {
    const legs = jobs.get(name) ?? [];
    if (legs.length === 0 || legs.every((l) => l.result === 'skipped')) return 'skipped';
    return legs.some((l) => l.result === 'failure') ? 'failure' : 'success';
  };
  for (const name of topologicalJobs(workflow)) {
    const job = workflow.jobs[name]!;
    const needs: Record<string, Value> = Object.fromEntries(needsOf(job).map((n) => [n, { result: result(n), outputs: jobs.get(n)?.[0]?.outputs ?? {} }]));
    const legs = matrixLegs(job);
    jobs.set(name, await Promise.all(legs.map((leg, i) => runJob(workflow, name, job, leg, needs, options, artifacts, join(options.work, `${name}-${i + 1}`)))));
  }
  return { jobs, result, artifacts };
}

async function runJob(workflow: Workflow, name: string, job: Job, leg: Record<string, Value>, needs: Record<string, Value>, options: RunOptions, artifacts: string, home: string): Promise<JobRun> {
  const workspace = join(home, 'workspace');
  const temp = await ensureDir(join(home, 'temp'));
  const steps: Record<string, Value> = {};
  const ctx: ExpressionContext = {
    contexts: {
      github: { event_name: options.event?.name ?? 'workflow_dispatch', event: options.event?.payload ?? { repository: { default_branch: 'main' } }, token: 'not-a-real-token', ref: `refs/heads/${options.ref}`, ref_name: options.ref, workflow: workflow.name, repository: 'octo/project' },
      inputs: options.inputs,
      vars: options.vars ?? {},
      secrets: options.secrets ?? {},
      needs,
      steps,
      matrix: leg,
      strategy: {},
      runner: { temp, os: 'Linux' },
      env: {},
    },
    status: { success: Object.values(needs).every((n) => (n as { result: string }).result === 'success') },
  };
  const run: JobRun = { job: name, leg, result: 'skipped', outputs: {}, steps: [], summary: '', commands: [], workspace };
  if (!condition(job.if, ctx)) return run;
  const env: Record<string, string> = {};
  for (const scope of [workflow.env, job.env]) for (const [k, v] of Object.entries(scope ?? {})) env[k] = interpolate(String(v), { ...ctx, contexts: { ...ctx.contexts, env: { ...env } } });
  const path: string[] = [options.bin];
  const groups: number[] = [];
  let failed = false;
  for (const [index, step] of job.steps.entries()) {
    ctx.contexts.env = { ...env };
    ctx.status = { success: !failed };
    const label = step.name ?? step.uses ?? `step ${index + 1}`;
    if (!condition(step.if, ctx)) {
      run.steps.push({ name: label, outcome: 'skipped', exitCode: null, stdout: '', stderr: '', outputs: {} });
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const began = Date.now();
    const done = await runStep(step, { ctx, env, path, workspace, temp, artifacts, options, index, groups });
    run.steps.push({ name: label, ...done, ms: Date.now() - began });
    run.summary += done.summary;
    run.commands.push(...done.stdout.split('\n').filter((line) => line.startsWith('::')));
    if (step.id) steps[step.id] = { outputs: done.outputs, outcome: done.outcome, conclusion: done.outcome };
    if (done.outcome === 'failure' && !step['continue-on-error']) failed = true;
  }
  // As the runner does at the end of a job: whatever a step left running in the background is stopped.
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGTERM');
    } catch {
      // the group is gone already
    }
  }
  run.result = failed ? 'failure' : 'success';
  ctx.contexts.env = { ...env };
  run.outputs = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([k, v]) => [k, interpolate(v, ctx)]));
  return run;
}

interface StepEnv {
  ctx: ExpressionContext;
  env: Record<string, string>;
  path: string[];
  workspace: string;
  temp: string;
  artifacts: string;
  options: RunOptions;
  index: number;
  /** Process groups of the steps' shells, stopped when the job ends. */
  groups: number[];
}

async function runStep(step: Step, s: StepEnv): Promise<Omit<StepRun, 'name'> & { summary: string }> {
  const ok = { outcome: 'success' as const, exitCode: 0, stdout: '', stderr: '', outputs: {}, summary: '' };
  const input = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), s.ctx)]));
  try {
    if (step.uses?.startsWith('actions/checkout@')) await checkout(s.options.origin, s.options.ref, s.workspace);
    else if (step.uses?.startsWith('actions/setup-node@')) return ok;
    else if (step.uses?.startsWith('actions/upload-artifact@')) await uploadArtifact(s.workspace, s.artifacts, input);
    else if (step.uses?.startsWith('actions/download-artifact@')) await downloadArtifact(s.workspace, s.artifacts, input);
    else if (step.uses) throw new Error(`the local runner does not play ${step.uses}`);
    else if (step.name === 'Install agentdevel') return ok;
    else return await runScript(step, s);
    return ok;
  } catch (error) {
    return { ...ok, outcome: 'failure', exitCode: 1, stderr: (error as Error).message };
  }
}

async function runScript(step: Step, s: StepEnv): Promise<Omit<StepRun, 'name'> & { summary: string }> {
  const files = Object.fromEntries(['output', 'env', 'path', 'summary'].map((f) => [f, join(s.temp, `${f}-${s.index}`)]));
  for (const file of Object.values(files)) await writeFile(file, '');
  const script = join(s.temp, `step-${s.index}.sh`);
  await writeFile(script, interpolate(step.run!, s.ctx));
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), s.ctx)]));
  const child = execa('bash', ['--noprofile', '--norc', '-e', script], {
    cwd: s.workspace,
    detached: true,
    reject: false,
    timeout: 180_000,
    env: {
      ...s.options.env,
      ...s.env,
      ...stepEnv,
      PATH: [...s.path, process.env.PATH ?? ''].join(':'),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: files.output!,
      GITHUB_ENV: files.env!,
      GITHUB_PATH: files.path!,
      GITHUB_STEP_SUMMARY: files.summary!,
      GITHUB_WORKSPACE: s.workspace,
      GITHUB_REF_NAME: s.options.ref,
      GITHUB_WORKFLOW_REF: `octo/project/${s.options.workflowPath.slice(s.options.workflowPath.indexOf('.github/'))}@refs/heads/${s.options.ref}`,
      RUNNER_TEMP: s.temp,
    },
  });
  if (child.pid !== undefined) s.groups.push(child.pid);
  const result = await child;
  const read = (file: string) => readFile(file, 'utf8');
  Object.assign(s.env, parseFileCommands(await read(files.env!)));
  s.path.unshift(...(await read(files.path!)).split('\n').filter(Boolean).reverse());
  return {
    outcome: result.exitCode === 0 ? 'success' : 'failure',
    exitCode: result.exitCode ?? null,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseFileCommands(await read(files.output!)),
    summary: await read(files.summary!),
  };
}
