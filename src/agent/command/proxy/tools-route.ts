import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isAgentdevelError } from '../../../core/errors.js';
import { observationText } from '../../tool-format.js';
import type { ProxyEpisode } from './episode.js';
import { HttpProblem, readJson, sendJson } from './http.js';

const toolBodySchema = z.looseObject({ arguments: z.unknown().optional(), id: z.string().optional() });

/**
 * `POST …/ep/<token>/tools/<name>` with `{"arguments": {...}, "id": "<tool call id>"}`: runs a
 * suite tool for a command agent and records it. Answers `{"ok": true, "content": text}` or,
 * when the tool refused, `{"ok": false, "error": message, "content": "Error: message"}`; the
 * content is what a prompt agent's model would read.
 */
export async function handleToolCall(req: IncomingMessage, res: ServerResponse, episode: ProxyEpisode, name: string): Promise<void> {
  const parsed = toolBodySchema.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpProblem(400, 'expected a JSON object {"arguments": {...}, "id"?: "..."}');
  if (!episode.tools.execute) throw new HttpProblem(409, 'this suite does not execute tools: the tool calls are the answer (print them as "toolCalls" in the final output)');
  const known = episode.tools.definitions(episode.example).map((d) => d.name);
  if (!known.includes(name)) throw new HttpProblem(404, `no tool named "${name}"; available: ${known.join(', ') || 'none'}`, 'invalid_request_error', 'unknown_tool');

  const args = parsed.data.arguments ?? {};
  const { trace } = episode;
  const id = parsed.data.id ?? `proxy_${trace.events.length}`;
  const announced = trace.events.some((e) => e.type === 'tool_call' && e.id === id);
  if (!announced) trace.toolCall(id, name, args);
  try {
    const result = await episode.tools.call(name, args, episode.example);
    const content = observationText(result, episode.observationLimit);
    trace.observation(id, name, content);
    sendJson(res, 200, { ok: true, content });
  } catch (error) {
    if (isAgentdevelError(error)) {
      episode.fault ??= { code: error.code, message: error.message };
      throw new HttpProblem(500, `the suite's tools failed: ${error.message}`, 'server_error', error.code);
    }
    const message = error instanceof Error ? error.message : String(error);
    const content = observationText(`Error: ${message}`, episode.observationLimit);
    trace.error(`tool ${name} failed: ${message}`);
    trace.observation(id, name, content);
    sendJson(res, 200, { ok: false, error: message, content });
  }
}
