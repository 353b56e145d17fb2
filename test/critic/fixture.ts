import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import type { RunRecord } from '../../src/core/records.js';
import { executeRun, readRunRecords } from '../../src/run/index.js';
import { parse, stringify } from 'yaml';
import { tempDir } from '../helpers/tmp.js';

export const repoRoot = join(import.meta.dirname, '../..');

/** Files each shipped suite is made of. */
const suiteFiles: Record<string, string[]> = {
  'support-desk': ['support-desk.yaml', 'support-desk.jsonl', 'support-desk.tools.mjs'],
  'js-functions': ['js-functions.yaml'],
};

/**
 * A temp project holding copies of shipped agents and suites, every role on the in-process
 * simulated world unless `config` says otherwise.
 */
export async function shippedProject(options: { agents: string[]; suites: string[]; config?: Record<string, unknown>; firstExamples?: Record<string, number> }): Promise<string> {
  const root = await tempDir('agentdevel-critic-');
  for (const agent of options.agents) await cp(join(repoRoot, 'agents', agent), join(root, 'agents', agent), { recursive: true });
  for (const suite of options.suites) {
    for (const file of suiteFiles[suite] ?? []) await cp(join(repoRoot, 'specs', file), join(root, 'specs', file));
  }
  for (const [suite, count] of Object.entries(options.firstExamples ?? {})) await keepFirstExamples(join(root, 'specs', `${suite}.yaml`), count);
  await writeFile(join(root, 'agentdevel.yaml'), JSON.stringify({ store: '.agentdevel', ...options.config }, null, 2));
  return root;
}

/** Cuts an inline suite to its first examples, for tests that need only some (each code-suite episode spawns processes). */
async function keepFirstExamples(file: string, count: number): Promise<void> {
  const suite = parse(await readFile(file, 'utf8')) as { examples: unknown[] };
  suite.examples = suite.examples.slice(0, count);
  await writeFile(file, stringify(suite));
}

/** Runs an agent for real (the run stage), returning the project, the run id and its records. */
export async function runAgent(root: string, agent: string, suites: string[], options: { repeats?: number } = {}): Promise<{ project: Project; runId: string; records: RunRecord[] }> {
  const project = await loadProject({ cwd: root });
  const result = await executeRun({ project, agent, suites, ...(options.repeats ? { repeats: options.repeats } : {}) });
  const records: RunRecord[] = [];
  for await (const record of readRunRecords(project.storeDir, result.runId)) records.push(record);
  return { project, runId: result.runId, records };
}
