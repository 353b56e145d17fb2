import { sha256 } from '../../core/hash.js';
import { HttpError } from './http-error.js';
import { compileResponseSchema, schemaViolation } from './json-schema.js';
import type { ParsedChatRequest } from './request.js';
import { instanceOf } from './schema-instance.js';
import { estimateTokens, promptTokens } from './tokens.js';
import type { SimReply } from './types.js';

/** The reply as it goes on the wire: the responder's answer held to what the request allows. */
export interface WireReply {
  content: string | null;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: 'stop' | 'tool_calls' | 'length';
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/**
 * Applies the request's constraints to the responder's reply, as a serving engine does:
 * tool_choice (none drops calls; required or a named tool forces one), response_format
 * (a schema reply must conform; with no content, one is generated), and the token budget
 * (a reply over max_tokens is cut and ends with "length").
 */
export function shapeReply(parsed: ParsedChatRequest, reply: SimReply, key: string): WireReply {
  const { request, toolChoice } = parsed;
  const tools = request.tools ?? [];
  let calls = toolChoice === 'none' || tools.length === 0 ? [] : reply.toolCalls;
  if (typeof toolChoice === 'object') calls = calls.filter((c) => c.name === toolChoice.name);
  if (calls.length === 0 && (toolChoice === 'required' || typeof toolChoice === 'object')) {
    const tool = typeof toolChoice === 'object' ? tools.find((t) => t.function.name === toolChoice.name) : tools[0];
    if (tool) calls = [{ name: tool.function.name, arguments: JSON.stringify(instanceOf(tool.function.parameters ?? { type: 'object' })) }];
  }
  let content = reply.content;
  if (calls.length === 0) content = formattedContent(parsed, content);
  // The reason must agree with what is sent: calls dropped or forced above change it.
  let finishReason: WireReply['finishReason'] = calls.length > 0 ? 'tool_calls' : reply.finishReason === 'length' ? 'length' : 'stop';
  if (parsed.maxTokens !== undefined && content !== null && estimateTokens(content) > parsed.maxTokens) {
    content = content.slice(0, parsed.maxTokens * 4);
    calls = [];
    finishReason = 'length';
  }
  const toolCalls = calls.map((c, i) => ({ id: `call_${sha256(`${key}:${i}`).slice(0, 24)}`, name: c.name, arguments: c.arguments }));
  const completion = estimateTokens(content ?? '') + toolCalls.reduce((n, c) => n + estimateTokens(c.name + c.arguments), 0);
  const prompt = promptTokens(request);
  return { content, toolCalls, finishReason, usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
}

function formattedContent(parsed: ParsedChatRequest, content: string | null): string {
  if (parsed.jsonSchema) {
    const validate = compileResponseSchema(parsed.jsonSchema);
    const text = content ?? JSON.stringify(instanceOf(parsed.jsonSchema));
    const violation = schemaViolation(validate, text);
    if (violation) {
      const what = content === null ? 'no instance of the response_format schema could be generated' : "the simulated model's reply does not conform to the response_format schema";
      throw new HttpError(500, `${what}: ${violation}`, 'server_error', null, 'schema_violation');
    }
    return text;
  }
  if (parsed.jsonObject && content === null) return '{}';
  return content ?? '';
}
