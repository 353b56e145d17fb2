import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const BENCH_PROMPT = 'You answer questions about the stock of a small warehouse. Reply with the answer only.';

/** The bench's tasks: one question each, answered in one model call (no tools). */
export function benchTask(i: number): { id: string; input: string; answer: string } {
  return { id: `e${String(i).padStart(5, '0')}`, input: `How many crates of item ${i} are on shelf ${i % 97}?`, answer: `${(i * 7) % 1000} crates` };
}

/** Writes a project with a one-call prompt agent and a generated suite of `count` answer-only examples. */
export async function writeBenchProject(root: string, count: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = benchTask(i);
    lines.push(JSON.stringify({ id: task.id, input: task.input, expected: task.answer, sim: { answer: task.answer, wrong: 'no crates' } }));
  }
  await mkdir(join(root, 'specs'), { recursive: true });
  await mkdir(join(root, 'agents/bench/prompts'), { recursive: true });
  await writeFile(join(root, 'specs/examples.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(root, 'specs/bench.yaml'), 'name: bench\nfile: examples.jsonl\nscorer: { kind: exact }\ntimeoutMs: 60000\n');
  await writeFile(join(root, 'agents/bench/agent.yaml'), 'name: bench\nkind: prompt\nsystem: prompts/system.md\nmaxSteps: 1\n');
  await writeFile(join(root, 'agents/bench/prompts/system.md'), `${BENCH_PROMPT}\n`);
  await writeFile(join(root, 'agentdevel.yaml'), 'store: .agentdevel\nsim: { seed: 3 }\n');
}
