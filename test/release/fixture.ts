import { execa } from 'execa';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import { ensureVersionLine, openRepo } from '../../src/core/git/index.js';
import type { GateDecision, GateResult } from '../../src/gate/index.js';
import { gateFor } from './gate-fixture.js';
import { openIteration, storeLayout, writeIteration, type IterationState } from '../../src/store/index.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { git } from '../synthesis/git-fixture.js';

export const PROMPT = 'You are a weather agent.\n';
export const AGENT_YAML = 'name: weather\nkind: prompt\nsystem: prompts/system.md\neditable: [prompts/**]\n';

// git with a fixed identity, and the user's side of a repository, as the synthesis tests take them.
export { git, userState } from '../synthesis/git-fixture.js';

/** git that may fail (a conflicting merge): its exit code and output. */
export async function gitMayFail(cwd: string, ...args: string[]) {
  const result = await execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, reject: false });
  return { exitCode: result.exitCode, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * A real repository with a weather agent committed on `main`, a bare repository added as
 * `origin` over file:// and pushed to (as semantic-release's test helpers do). The store is
 * git-ignored, as `agentdevel init` makes it.
 */
export async function releaseProject(options: { config?: string; subfolder?: string } = {}) {
  const root = await tempDir('agentdevel-release-');
  const projectDir = options.subfolder ? join(root, options.subfolder) : root;
  await writeTree(
    {
      '.gitignore': '.agentdevel/\n',
      ...(options.config ? { 'agentdevel.yaml': options.config } : {}),
      'agents/weather/agent.yaml': AGENT_YAML,
      'agents/weather/prompts/system.md': PROMPT,
    },
    projectDir,
  );
  await writeFile(join(root, 'README.md'), '# demo\n');
  await git(root, 'init', '--quiet');
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '-m', 'initial');
  const origin = join(await tempDir('agentdevel-origin-'), 'origin.git');
  await execa('git', ['init', '--quiet', '--bare', origin]);
  await git(root, 'remote', 'add', 'origin', `file://${origin}`);
  await git(root, 'push', '--quiet', 'origin', 'main');
  const project: Project = await loadProject({ cwd: projectDir });
  return { root, origin, project, projectDir };
}

export interface Candidate {
  state: IterationState;
  rcCommit: string;
  rcBranch: string;
  base: string;
}

/**
 * Iteration n with a release candidate, as synthesis leaves it: the version line made if
 * missing (branch at HEAD, tag v0), the RC committed on `agentdevel/weather@rc-<n>` from the
 * line's tip in a worktree of its own, the two runs' manifests in the store, gate.json written.
 */
export async function candidate(project: Project, n: number, options: { prompt?: string; decision?: GateDecision; gate?: Partial<GateResult> } = {}): Promise<Candidate> {
  const repo = await openRepo(project.root);
  const line = await ensureVersionLine(repo, { prefix: 'agentdevel/', agent: 'weather', create: true });
  const base = line.commit;
  const rcBranch = `agentdevel/weather@rc-${n}`;
  const worktree = join(await tempDir('agentdevel-rc-'), 'wt');
  await git(repo.root, 'worktree', 'add', '--quiet', '--detach', worktree, base);
  const agentDir = join(worktree, (await relativeProject(project, repo.root)), 'agents/weather/prompts/system.md');
  await writeFile(agentDir, options.prompt ?? `${PROMPT}Rule ${n}: call lookup_city before get_weather.\n`);
  await git(worktree, 'commit', '--quiet', '-am', `weather rc-${n}\n\nAgentdevel-Agent: weather\nAgentdevel-Iteration: ${n}`);
  const rcCommit = await git(worktree, 'rev-parse', 'HEAD');
  await git(repo.root, 'branch', rcBranch, rcCommit);
  await git(repo.root, 'worktree', 'remove', '--force', worktree);

  const baselineRunId = `base${n}`.padEnd(16, '0');
  const rcRunId = `cand${n}`.padEnd(16, '0');
  await writeManifest(project, baselineRunId, 'bbbbbbbb');
  await writeManifest(project, rcRunId, 'cccccccc');
  const state = await openIteration(project.storeDir, 'weather', { baselineRunId, baselineCommit: base, rcBranch, rcCommit, rcRunId }, n);
  const gated: IterationState = { ...state, completed: { critique: '2026-01-01T00:00:00.000Z', synthesize: '2026-01-01T00:01:00.000Z', gate: '2026-01-01T00:02:00.000Z' } };
  await writeIteration(project.storeDir, gated);
  const gate = { ...gateFor(options.decision ?? 'accept'), ...options.gate };
  await writeFile(join(storeLayout(project.storeDir).iterationDir('weather', n), 'gate.json'), `${JSON.stringify(gate, null, 2)}\n`);
  return { state: gated, rcCommit, rcBranch, base };
}

/** An iteration that produced no candidate (no actionable symptom). */
export async function noCandidate(project: Project, n: number): Promise<IterationState> {
  return openIteration(project.storeDir, 'weather', { completed: { synthesize: '2026-01-01T00:01:00.000Z' }, outcome: 'no-candidate' }, n);
}

async function writeManifest(project: Project, runId: string, blueprintHash: string): Promise<void> {
  const dir = storeLayout(project.storeDir).runDir(runId);
  await mkdir(dir, { recursive: true });
  const manifest = {
    runId,
    agent: 'weather',
    blueprintHash,
    suites: [{ name: 'weather', hash: 'suitehash0001', examples: 3, repeats: 1 }],
    model: { role: 'agent', model: 'sim-agent', baseURL: 'sim', sampling: { temperature: 0 }, simulated: true },
    seed: 0,
    sampleBase: 0,
    exampleCount: 3,
    exampleKeys: ['weather/hello', 'weather/oslo', 'weather/paris'],
    recordCount: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    agentdevelVersion: '0.1.0',
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

async function relativeProject(project: Project, repoRoot: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  const root = await realpath(project.root);
  return root === repoRoot ? '' : root.slice(repoRoot.length + 1);
}

/** Every ref and the number of objects: what a dry run must leave exactly as it was. */
export async function repoSnapshot(root: string): Promise<{ refs: string; objects: string }> {
  return { refs: await git(root, 'for-each-ref'), objects: await git(root, 'count-objects', '-v') };
}

export async function ledgerAt(root: string, ref: string, path = 'releases/weather/ledger.jsonl'): Promise<Array<Record<string, unknown>>> {
  const text = await git(root, 'show', `${ref}:${path}`);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
