import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project } from '../../src/config/index.js';
import { loadSuites, type LoadedExample } from '../../src/suite/index.js';

/**
 * A command agent (Node, no packages) that replays a table of answers: it reads the task on
 * stdin and prints the output recorded for `suite/id` in answers.json beside it. It never sees
 * the expected answers, only what the test chose to replay.
 */
const REPLAY_PROGRAM = `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const task = JSON.parse(readFileSync(0, 'utf8'));
const answers = JSON.parse(readFileSync(join(process.env.AGENTDEVEL_AGENT_DIR, 'answers.json'), 'utf8'));
const output = answers[task.suite + '/' + task.id];
if (output === undefined) { console.error('no answer recorded for ' + task.id); process.exit(1); }
process.stdout.write(JSON.stringify(output) + '\\n');
`;

/** Writes agents/replay/ answering every example of the suites with `answer(example)`. */
export async function writeReplayAgent(project: Project, suites: string[], answer: (example: LoadedExample) => unknown): Promise<void> {
  const answers: Record<string, unknown> = {};
  for (const suite of await loadSuites(project, suites)) for (const example of suite.examples) answers[`${suite.name}/${example.id}`] = answer(example);
  const dir = join(project.root, 'agents', 'replay');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'agent.yaml'), 'name: replay\nkind: command\ncommand: [node, ./replay.mjs]\ntimeoutMs: 30000\n');
  await writeFile(join(dir, 'replay.mjs'), REPLAY_PROGRAM);
  await writeFile(join(dir, 'answers.json'), JSON.stringify(answers));
}
