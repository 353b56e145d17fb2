import { cp, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadBlueprint } from '../../src/agent/index.js';
import { systemPrompt } from '../../src/agent/prompt/messages.js';
import { loadProject } from '../../src/config/index.js';
import { createWorld, type World } from '../../src/llm/sim/world/index.js';
import { loadSuite } from '../../src/suite/index.js';
import { runCli } from '../helpers/cli.js';
import { git, gitProject } from '../synthesis/git-fixture.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh git repository holding one shipped agent and its suite, on the simulated world for
 * every role, with a bare file:// origin: the user's project as `critique → diagnose →
 * synthesize` meets it.
 */
export async function shippedProject(agent: string, suiteFiles: string[]): Promise<string> {
  const { root } = await gitProject({ 'agentdevel.yaml': 'store: .agentdevel\n' });
  await cp(join(REPO, 'agents', agent), join(root, 'agents', agent), { recursive: true });
  for (const file of suiteFiles) await cp(join(REPO, 'specs', file), join(root, 'specs', file));
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '-m', `add ${agent}`);
  return root;
}

/** A CLI call that must succeed; its --json result. */
export async function cli<T = Record<string, unknown>>(root: string, args: string[]): Promise<T> {
  const result = await runCli([...args, '--json'], { cwd: root, timeout: 120_000 });
  if (result.exitCode !== 0) throw new Error(`agentdevel ${args.join(' ')} exited ${result.exitCode}\n${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout) as T;
}

/** The world the CLI played (same settings and suites), for its ground truth. */
export async function worldOf(root: string, suite: string): Promise<World> {
  const project = await loadProject({ cwd: root });
  const loaded = await loadSuite(project, suite);
  return createWorld({ config: project.config.sim, suites: [{ name: loaded.name, sim: loaded.config.sim, examples: loaded.examples }] });
}

/** The system prompt an agent folder sends: its joined prompt files (prompt agents) or prompts/system.md (js-coder). */
export async function promptOf(dir: string): Promise<string> {
  const blueprint = await loadBlueprint(dir);
  if (blueprint.config.kind === 'prompt') return systemPrompt(blueprint, blueprint.config);
  return readFile(join(dir, 'prompts/system.md'), 'utf8');
}

export interface SynthesizeJson {
  status: string;
  simulated: boolean;
  candidate: boolean;
  rcBranch: string;
  rcCommit: string;
  worktree: string;
  base: { branch: string; commit: string };
  intent: { targets: string[]; expectedFixes: string[]; summary: string };
  files: Array<{ path: string; action: string }>;
  attempts: Array<{ ok: boolean; reason?: string }>;
}

/** Mean true pass probability of examples under a prompt. */
export function meanTruth(world: World, suite: string, ids: readonly string[], prompt: string): number {
  expect(ids.length).toBeGreaterThan(0);
  return ids.reduce((sum, id) => sum + world.truth(suite, id, prompt).passProbability, 0) / ids.length;
}
