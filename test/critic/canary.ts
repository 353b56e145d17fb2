import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { critiqueRun } from '../../src/critic/index.js';
import { loadProject, simWorldSchema } from '../../src/config/index.js';
import { startSimServer, type SimServer } from '../../src/llm/sim/index.js';
import { createWorld } from '../../src/llm/sim/world/index.js';
import { executeRun, readRunRecords } from '../../src/run/index.js';
import { loadSuiteFile } from '../../src/suite/index.js';
import { writeTree } from '../helpers/tmp.js';
import { shippedProject } from './fixture.js';
import { recordingProxy } from './recording-proxy.js';

/**
 * The canary test: every file of the blueprint carries a unique string; the agent runs for
 * real on the simulated world (through a recording proxy), then a whole critique runs with the
 * critic endpoint behind the same proxy. The string reaches the agent's model (so it was
 * planted where it can travel) and never any request the critic endpoint receives.
 */
const sim = { seed: 11, flakyShare: 0.1, rerollRate: 0.05 };
let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

export function promptBlueprint(canary: string): Record<string, string> {
  return {
    'agents/canary/agent.yaml': `# ${canary}\nname: canary\ndescription: Support agent for a tea shop (${canary}).\nkind: prompt\nsystem: [prompts/system.md, prompts/tools.md]\nmaxSteps: 8\neditable: [prompts/**]\n`,
    'agents/canary/prompts/system.md': `You are the support assistant of a small tea shop. Internal reference: ${canary}.\nAnswer briefly and politely.\n`,
    'agents/canary/prompts/tools.md': `Use the shop's tools when the answer depends on its records (${canary}).\n`,
    'agents/canary/prompts/notes.md': `Notes for maintainers, not part of the prompt: ${canary}\n`,
  };
}

/**
 * A command agent that tries every way a blueprint could leak into its trace: it logs its
 * prompt as an event, prints it on stderr and on a stray stdout line, and crashes on chat
 * tasks at a source line that names the canary (Node prints that line with the stack).
 */
export function commandBlueprint(canary: string): Record<string, string> {
  const program = `// ${canary}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const task = JSON.parse(readFileSync(0, 'utf8'));
const system = readFileSync(join(process.env.AGENTDEVEL_AGENT_DIR, 'prompts/system.md'), 'utf8');
const event = (e) => console.log(JSON.stringify({ event: e }));
event({ type: 'log', message: 'prompt in use: ' + system });
console.error('debug: system prompt ' + system);
console.log('thinking about ' + task.id + ' with ' + system.trim());
if (task.id.startsWith('chat-')) throw new Error('chat is not supported'); // ${canary}
const chat = async (messages) => {
  const response = await fetch(process.env.OPENAI_BASE_URL + '/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + process.env.OPENAI_API_KEY },
    body: JSON.stringify({ model: 'any', messages, tools: task.tools.length ? task.tools : undefined }),
  });
  if (!response.ok) throw new Error('model call failed: ' + response.status);
  return (await response.json()).choices[0].message;
};
const messages = [{ role: 'system', content: system }, { role: 'user', content: task.task }];
const toolCalls = [];
for (let step = 0; step < 6; step++) {
  const message = await chat(messages);
  messages.push(message);
  if (!message.tool_calls?.length) {
    console.log(JSON.stringify({ answer: message.content, toolCalls }));
    process.exit(0);
  }
  for (const call of message.tool_calls) {
    let args;
    try { args = JSON.parse(call.function.arguments); } catch { args = call.function.arguments; }
    toolCalls.push({ name: call.function.name, arguments: args });
    event({ type: 'tool_call', name: call.function.name, arguments: args, id: call.id });
    const result = await fetch(process.env.AGENTDEVEL_TOOLS_URL + '/' + call.function.name, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ arguments: args, id: call.id }),
    }).then((r) => r.json());
    messages.push({ role: 'tool', tool_call_id: call.id, content: result.content });
  }
}
console.error('no answer within 6 steps');
process.exit(2);
`;
  return {
    'agents/canary/agent.yaml': `# ${canary}\nname: canary\ndescription: Support agent for a tea shop (${canary}).\nkind: command\ncommand: [node, ./agent.mjs]\neditable: [prompts/**]\n`,
    'agents/canary/agent.mjs': program,
    'agents/canary/prompts/system.md': `You are the support assistant of a small tea shop. Internal reference: ${canary}.\n`,
  };
}

export async function canaryRun(blueprint: (canary: string) => Record<string, string>) {
  const canary = `canary-${randomUUID()}`;
  const root = await shippedProject({ agents: [], suites: ['support-desk'], keepExamples: { 'support-desk': (i) => i % 2 === 0 } });
  await writeTree(blueprint(canary), root);
  const suite = await loadSuiteFile(join(root, 'specs/support-desk.yaml'));
  server = await startSimServer({ responder: createWorld({ config: simWorldSchema.parse(sim), suites: [{ name: suite.name, sim: suite.config.sim, examples: suite.examples }] }) });
  const proxy = await recordingProxy(server.url, ['agent', 'critic', 'engineer']);
  const endpoints = Object.fromEntries(['agent', 'critic', 'engineer'].map((role) => [role, { baseURL: proxy.urlFor(role), model: `sim-${role}` }]));
  await writeFile(join(root, 'agentdevel.yaml'), JSON.stringify({ endpoints, sim, critic: { samplePasses: 1 } }));

  const project = await loadProject({ cwd: root });
  const run = await executeRun({ project, agent: 'canary', suites: ['support-desk'] });
  let recordText = '';
  for await (const record of readRunRecords(project.storeDir, run.runId)) recordText += JSON.stringify(record);
  const sentToAgent = proxy.received.length;
  const critique = await critiqueRun({ project, runId: run.runId });
  const critic = proxy.received.filter((r) => r.route === 'critic');
  return { canary, proxy, critic, sentToAgent, recordText, critique, critiqueText: await readFile(critique.file, 'utf8') };
}

