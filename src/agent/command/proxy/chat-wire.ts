import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Sampling } from '../../../config/index.js';
import type { ChatMessage, ChatRequest, ChatResult, ChatTool } from '../../../llm/types.js';
import { HttpProblem } from './http.js';

/** The chat-completions fields the proxy understands; other fields are accepted and not forwarded. */
const bodySchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']) })).min(1),
  tools: z.array(z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) })).optional(),
  tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.string() })]).optional(),
  response_format: z
    .looseObject({
      type: z.enum(['text', 'json_object', 'json_schema']),
      json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullable().optional() }).optional(),
    })
    .optional(),
  temperature: z.number().nullable().optional(),
  top_p: z.number().nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  n: z.number().int().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
});

export interface ProxiedRequest {
  request: ChatRequest;
  stream: boolean;
  includeUsage: boolean;
}

/**
 * A chat-completions body as a request to the model layer. The program's own sampling settings
 * win over the blueprint's; `seed` is ignored (the harness sets it per sample); the object form
 * of `tool_choice` becomes "required" and `json_object` a schema of any object, as the layer
 * only speaks the forms every server honours.
 */
export function toChatRequest(body: unknown, blueprintSampling: Sampling | undefined): ProxiedRequest {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpProblem(400, `invalid chat completion request: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`);
  }
  const b = parsed.data;
  if (b.n !== undefined && b.n !== null && b.n !== 1) throw new HttpProblem(400, 'n other than 1 is not supported by the agentdevel proxy', 'invalid_request_error', 'unsupported_parameter');
  const sampling: Sampling = { ...blueprintSampling };
  if (typeof b.temperature === 'number') sampling.temperature = b.temperature;
  if (typeof b.top_p === 'number') sampling.topP = b.top_p;
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  if (typeof maxTokens === 'number') sampling.maxTokens = maxTokens;

  const request: ChatRequest = { messages: b.messages as unknown as ChatMessage[] };
  if (b.tools && b.tools.length > 0) request.tools = b.tools as unknown as ChatTool[];
  if (b.tool_choice !== undefined) request.toolChoice = typeof b.tool_choice === 'string' ? b.tool_choice : 'required';
  if (b.response_format?.type === 'json_schema' && b.response_format.json_schema) {
    const js = b.response_format.json_schema;
    request.responseFormat = { type: 'json_schema', json_schema: { name: js.name, schema: js.schema ?? {}, ...(js.strict ? { strict: true } : {}) } };
  } else if (b.response_format?.type === 'json_object') {
    request.responseFormat = { type: 'json_schema', json_schema: { name: 'json_object', schema: { type: 'object' } } };
  }
  if (Object.keys(sampling).length > 0) request.sampling = sampling;
  return { request, stream: b.stream === true, includeUsage: b.stream_options?.include_usage === true };
}

function toolCallsWire(result: ChatResult) {
  return result.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } }));
}

function usageWire(result: ChatResult) {
  const { promptTokens, completionTokens } = result.usage;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

const completionId = () => `chatcmpl-${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/** A non-streamed chat completion. */
export function completionBody(result: ChatResult): unknown {
  const message = {
    role: 'assistant',
    content: result.content,
    refusal: null,
    ...(result.toolCalls.length > 0 ? { tool_calls: toolCallsWire(result) } : {}),
  };
  return {
    id: completionId(),
    object: 'chat.completion',
    created: now(),
    model: result.model,
    choices: [{ index: 0, message, finish_reason: result.finishReason, logprobs: null }],
    usage: usageWire(result),
  };
}

/** The same reply as server-sent events: role, content, tool calls, finish, usage when asked, [DONE]. */
export function writeStream(res: ServerResponse, result: ChatResult, includeUsage: boolean): void {
  const base = { id: completionId(), object: 'chat.completion.chunk', created: now(), model: result.model };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send(chunk({ role: 'assistant', content: '' }));
  if (result.content) send(chunk({ content: result.content }));
  toolCallsWire(result).forEach((call, index) => send(chunk({ tool_calls: [{ index, ...call }] })));
  send(chunk({}, result.finishReason));
  if (includeUsage) send({ ...base, choices: [], usage: usageWire(result) });
  res.end('data: [DONE]\n\n');
}
