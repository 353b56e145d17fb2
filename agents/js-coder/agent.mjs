// js-coder: a command agent in plain Node (no packages).
// In:  the task as JSON on stdin ({ id, task, ... }).
// Out: {"answer": "<code>"} as the last line of stdout.
// The model is reached through OPENAI_BASE_URL / OPENAI_API_KEY (agentdevel's recording proxy).
// The reply is the answer as it stands: how the code must be written (no markdown fences,
// no prose around it) is for the prompt to say, and the prompt is what release candidates change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const task = JSON.parse(readFileSync(0, 'utf8'));
const system = readFileSync(join(process.env.AGENTDEVEL_AGENT_DIR ?? import.meta.dirname, 'prompts/system.md'), 'utf8');

const response = await fetch(`${process.env.OPENAI_BASE_URL}/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
  body: JSON.stringify({
    model: 'default',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: task.task },
    ],
  }),
});
if (!response.ok) {
  console.error(`model call failed: HTTP ${response.status}: ${await response.text()}`);
  process.exit(1);
}
const reply = await response.json();
console.log(JSON.stringify({ answer: reply.choices?.[0]?.message?.content ?? '' }));
