import { interpolate, type ExpressionContext, type Value } from './expressions.js';
import type { Job, Workflow } from './workflow.js';

/** Values a real run could give each output name the workflows read. */
export const PLAUSIBLE_OUTPUTS: Record<string, string> = {
  agent: 'shop-assistant',
  iteration: '3',
  'sample-base': '12288',
  'baseline-commit': 'a'.repeat(40),
  branch: 'agentdevel/shop-assistant',
  'line-exists': 'true',
  gate: 'default',
  version: 'shop-assistant@v2',
  candidate: 'true',
  'rc-commit': 'b'.repeat(40),
  'rc-branch': 'agentdevel/shop-assistant@rc-3',
  run: '0123456789abcdef',
  url: 'http://127.0.0.1:8000/v1',
  decision: 'reject',
  p2f: '1',
  f2p: '4',
  flaky: '0',
  'exit-code': '10',
  simulated: 'true',
};

/** What the runner sets in every step's environment, with plausible values. */
export const RUNNER_ENV: Record<string, string> = {
  RUNNER_TEMP: '/home/runner/work/_temp',
  GITHUB_WORKSPACE: '/home/runner/work/project/project',
  GITHUB_OUTPUT: '/home/runner/work/_temp/_runner_file_commands/set_output',
  GITHUB_ENV: '/home/runner/work/_temp/_runner_file_commands/set_env',
  GITHUB_PATH: '/home/runner/work/_temp/_runner_file_commands/add_path',
  GITHUB_STEP_SUMMARY: '/home/runner/work/_temp/_runner_file_commands/step_summary',
  GITHUB_REF_NAME: 'main',
  GITHUB_WORKFLOW_REF: 'octo/project/.github/workflows/agentdevel-release.yml@refs/heads/main',
  PWD: '/home/runner/work/project/project',
};

export interface Scenario {
  event: 'workflow_dispatch' | 'schedule' | 'push' | 'pull_request';
  vars: Record<string, string>;
}

/** The expression contexts of one step of a job (one matrix leg), with plausible values everywhere. */
export function plausibleContext(workflow: Workflow, job: Job, leg: Record<string, Value>, scenario: Scenario): ExpressionContext {
  const dispatch = (workflow.on.workflow_dispatch as { inputs?: Record<string, { default?: Value }> } | null | undefined)?.inputs ?? {};
  const inputs = scenario.event === 'workflow_dispatch' ? Object.fromEntries(Object.entries(dispatch).map(([k, v]) => [k, v.default ?? ''])) : {};
  const outputs = () => ({ ...PLAUSIBLE_OUTPUTS });
  const needs = Object.fromEntries((Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []).map((n) => [n, { outputs: outputs(), result: 'success' }]));
  const steps = Object.fromEntries(job.steps.filter((s) => s.id).map((s) => [s.id!, { outputs: outputs(), outcome: 'success', conclusion: 'success' }]));
  const contexts: Record<string, Value> = {
    github: {
      event_name: scenario.event,
      event: { repository: { default_branch: 'main' } },
      token: '***',
      ref: 'refs/heads/main',
      ref_name: 'main',
      workflow: workflow.name,
      repository: 'octo/project',
    },
    inputs,
    vars: scenario.vars,
    secrets: { AGENTDEVEL_API_KEY: '***', GITHUB_TOKEN: '***' },
    needs,
    steps,
    matrix: leg,
    strategy: { 'fail-fast': true },
    runner: { temp: RUNNER_ENV.RUNNER_TEMP!, os: 'Linux' },
    job: { status: 'success' },
    env: {},
  };
  const ctx: ExpressionContext = { contexts, status: { success: true } };
  contexts.env = { ...evaluateEnv(workflow.env, ctx) };
  contexts.env = { ...(contexts.env as Record<string, string>), ...evaluateEnv(job.env, ctx) };
  return ctx;
}

export function evaluateEnv(env: Record<string, string | number | boolean> | undefined, ctx: ExpressionContext): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)]));
}
