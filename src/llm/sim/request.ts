import { describeZodIssue, formatPath } from '../../config/issues.js';
import { badRequest, HttpError } from './http-error.js';
import { chatRequestSchema, type ChatRequestBody } from './request-schema.js';
import type { SimChatRequest } from './types.js';

/** A checked request plus what the server itself acts on. */
export interface ParsedChatRequest {
  request: SimChatRequest;
  stream: boolean;
  includeUsage: boolean;
  /** Completion-token budget (max_completion_tokens, else max_tokens). */
  maxTokens: number | undefined;
  /** The tool the reply must call: a name, any tool ("required"), or none allowed ("none"). */
  toolChoice: 'auto' | 'none' | 'required' | { name: string };
  jsonSchema: Record<string, unknown> | undefined;
  jsonObject: boolean;
}

/** Parses and checks a chat-completions body; every refusal is a 400 naming the parameter. */
export function parseChatRequest(raw: Buffer): ParsedChatRequest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'We could not parse the JSON body of your request: it is not valid JSON.', 'invalid_request_error', null, 'invalid_json');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw badRequest('The request body must be a JSON object.', null, 'invalid_type');
  }
  const parsed = chatRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { path, message } = describeZodIssue(issue, json);
    const param = formatPath(path);
    if (message.startsWith('required:')) throw badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
    throw badRequest(`Invalid '${param || 'body'}': ${message}.`, param || null, issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value');
  }
  const body = parsed.data;
  checkTools(body);
  checkToolMessages(body);
  if (body.stream_options && !body.stream) {
    throw badRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
  }
  if (body.n !== undefined && body.n !== null && body.n !== 1) throw badRequest("Invalid 'n': the simulated server returns exactly one choice, so n must be 1.", 'n');
  const format = body.response_format;
  return {
    request: withoutNulls(body) as SimChatRequest,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    toolChoice: typeof body.tool_choice === 'object' ? { name: body.tool_choice.function.name } : (body.tool_choice ?? 'auto'),
    jsonSchema: format?.type === 'json_schema' ? (format.json_schema.schema ?? {}) : undefined,
    jsonObject: format?.type === 'json_object',
  };
}

function checkTools(body: ChatRequestBody): void {
  const names = new Set<string>();
  body.tools?.forEach((tool, i) => {
    if (names.has(tool.function.name)) throw badRequest(`Duplicate tool name '${tool.function.name}'.`, `tools[${i}].function.name`);
    names.add(tool.function.name);
  });
  const choice = body.tool_choice;
  if (choice !== undefined && !body.tools?.length && choice !== 'none') {
    throw badRequest("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice');
  }
  if (typeof choice === 'object' && !names.has(choice.function.name)) {
    throw badRequest(`Invalid value for 'tool_choice': no tool named '${choice.function.name}' is in 'tools'.`, 'tool_choice.function.name');
  }
}

/** Tool results must answer a preceding tool call, and every tool call must be answered before the conversation goes on. */
function checkToolMessages(body: ChatRequestBody): void {
  let open = new Set<string>();
  body.messages.forEach((message, i) => {
    if (message.role === 'tool') {
      if (!open.has(message.tool_call_id)) {
        throw badRequest(`Invalid 'messages[${i}]': a 'tool' message must respond to a preceding assistant tool call; no open call has id '${message.tool_call_id}'.`, `messages[${i}].tool_call_id`);
      }
      open.delete(message.tool_call_id);
      return;
    }
    if (open.size > 0) {
      throw badRequest(`Invalid 'messages[${i}]': the assistant's tool calls must each be followed by a 'tool' message; unanswered: ${[...open].join(', ')}.`, `messages[${i}]`);
    }
    open = new Set(message.role === 'assistant' ? (message.tool_calls ?? []).map((c) => c.id) : []);
  });
  if (open.size > 0) {
    throw badRequest(`Invalid 'messages': the last assistant message has tool calls without 'tool' messages answering them: ${[...open].join(', ')}.`, 'messages');
  }
}

function withoutNulls(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined));
}
