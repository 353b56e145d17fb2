import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
export async function shippedProject(options: { agents: string[]; suites: string[]; config?: Record<string, unknown>; keepExamples?: Record<string, (index: number) => boolean> }): Promise<string> {
  const root = await tempDir('agentdevel-critic-');
  for (const agent of options.agents) await cp(join(repoRoot, 'agents', agent), join(root, 'agents', agent), { recursive: true });
  for (const suite of options.suites) {
    for (const file of suiteFiles[suite] ?? []) await cp(join(repoRoot, 'specs', file), join(root, 'specs', file));
  }
  for (const [suite, keep] of Object.entries(options.keepExamples ?? {})) await keepExamples(join(root, 'specs', `${suite}.yaml`), keep);
  await writeFile(join(root, 'agentdevel.yaml'), JSON.stringify({ store: '.agentdevel', ...options.config }, null, 2));
  return root;
}

/**
 * Cuts a suite to the examples `keep` picks by position (inline, or in its JSON-lines file), for tests that need
 * only some: each code-suite or command-agent episode spawns processes. Examples the suite's
 * cross-checks need stay too (its mustPass ids, one carrier of each tag a broad rule breaks).
 */
async function keepExamples(file: string, keep: (index: number) => boolean): Promise<void> {
  const suite = parse(await readFile(file, 'utf8')) as SuiteShape;
  if (suite.examples) {
    suite.examples = subset(suite, suite.examples, keep);
    await writeFile(file, stringify(suite));
    return;
  }
  const data = join(dirname(file), suite.file!);
  const lines = (await readFile(data, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  const kept = new Set(subset(suite, lines.map((line) => JSON.parse(line) as ExampleShape), keep).map((e) => e.id));
  await writeFile(data, `${lines.filter((line) => kept.has((JSON.parse(line) as ExampleShape).id)).join('\n')}\n`);
}

interface ExampleShape {
  id: string;
  tags?: string[];
}
interface SuiteShape {
  examples?: ExampleShape[];
  file?: string;
  mustPass?: string[];
  sim?: { needs?: Record<string, { broad?: { breaks: string[] } }> };
}

function subset(suite: SuiteShape, examples: ExampleShape[], keep: (index: number) => boolean): ExampleShape[] {
  const tags = Object.values(suite.sim?.needs ?? {}).flatMap((need) => need.broad?.breaks ?? []);
  const needed = new Set([...(suite.mustPass ?? []), ...tags.map((tag) => examples.find((e) => e.tags?.includes(tag))?.id ?? '')]);
  return examples.filter((example, index) => keep(index) || needed.has(example.id));
}

/** Runs an agent for real (the run stage), returning the project, the run id and its records. */
export async function runAgent(root: string, agent: string, suites: string[], options: { repeats?: number } = {}): Promise<{ project: Project; runId: string; records: RunRecord[] }> {
  const project = await loadProject({ cwd: root });
  const result = await executeRun({ project, agent, suites, ...(options.repeats ? { repeats: options.repeats } : {}) });
  const records: RunRecord[] = [];
  for await (const record of readRunRecords(project.storeDir, result.runId)) records.push(record);
  return { project, runId: result.runId, records };
}
