import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { qaProject } from './fixture.js';

/** A command agent that answers from a table: it never calls its model. */
const TABLE_AGENT = `let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const task = JSON.parse(input);
  const i = Number(/Question (\\d+)/.exec(JSON.stringify(task))?.[1] ?? 0);
  process.stdout.write(JSON.stringify({ answer: (i * 3 + 1) + ' km' }));
});
`;

/** A command agent that asks the model (the simulated world, through the recording proxy) once. */
const ASKING_AGENT = `let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const task = JSON.parse(input);
  const res = await fetch(process.env.OPENAI_BASE_URL + '/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + (process.env.OPENAI_API_KEY ?? 'x') },
    body: JSON.stringify({ model: process.env.OPENAI_MODEL ?? 'sim-agent', messages: [{ role: 'user', content: JSON.stringify(task.input ?? task) }] }),
  });
  const body = await res.json();
  process.stdout.write(JSON.stringify({ answer: body.choices?.[0]?.message?.content ?? '' }));
});
`;

async function commandProject(program: string) {
  return qaProject({ examples: 3, extraFiles: { 'agents/qa/agent.yaml': 'name: qa\nkind: command\ncommand: [node, ./agent.mjs]\ntimeoutMs: 20000\n', 'agents/qa/agent.mjs': program } });
}

describe('"simulated world" on runs of command agents', () => {
  it('is not said of a run whose agent made no model call', async () => {
    const root = await commandProject(TABLE_AGENT);
    const text = await runCli(['run', '--agent', 'qa', '--suite', 'qa'], { cwd: root });
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/pass/);
    expect(text.stdout + text.stderr).not.toContain('simulated world');
    const json = await runCli(['--json', 'run', '--agent', 'qa', '--suite', 'qa'], { cwd: root });
    expect(JSON.parse(json.stdout)).toMatchObject({ simulated: false, summary: { simulated: false, recordUsage: { calls: 0 } } });
  });

  it('is said once the agent asked the simulated model', async () => {
    const root = await commandProject(ASKING_AGENT);
    const text = await runCli(['run', '--agent', 'qa', '--suite', 'qa'], { cwd: root });
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toContain('simulated world');
  });
});
