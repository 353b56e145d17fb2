import type { RecordUsage, ToolCallRecord, TraceEvent } from '../core/records.js';
import type { ChatMessage, ChatRequest, ChatResult } from '../llm/types.js';
import { parseToolArguments } from './tool-format.js';

/**
 * The trace and usage of one episode as it happens. `step` is the number of model calls made
 * so far: the events a model reply leads to carry the step of that reply.
 */
export class EpisodeTrace {
  readonly events: TraceEvent[] = [];
  readonly usage: RecordUsage = { calls: 0, cacheHits: 0, retries: 0, promptTokens: 0, completionTokens: 0 };
  step = 0;

  /** Records a model call and the tool calls of its reply; returns those calls with parsed arguments. */
  llmCall(request: ChatRequest, result: ChatResult): Array<ToolCallRecord & { id: string }> {
    this.step += 1;
    this.usage.calls += 1;
    if (result.cached) this.usage.cacheHits += 1;
    this.usage.retries += result.retries;
    this.usage.promptTokens += result.usage.promptTokens;
    this.usage.completionTokens += result.usage.completionTokens;
    const toolCalls = result.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: parseToolArguments(call.arguments).value }));
    this.events.push({
      type: 'llm_call',
      step: this.step,
      request: summarise(request.messages, request.tools?.length ?? 0),
      response: { content: result.content, toolCalls, finishReason: result.finishReason },
      usage: { ...result.usage },
      cached: result.cached,
      latencyMs: result.latencyMs,
      ...(result.server ? { server: result.server } : {}),
    });
    for (const call of toolCalls) this.events.push({ type: 'tool_call', step: this.step, ...call });
    return toolCalls;
  }

  observation(toolCallId: string, name: string, content: string): void {
    this.events.push({ type: 'observation', step: this.step, toolCallId, name, content });
  }

  toolCall(id: string, name: string, args: unknown): void {
    this.events.push({ type: 'tool_call', step: this.step, id, name, arguments: args });
  }

  error(message: string, code?: string): void {
    this.events.push(code === undefined ? { type: 'error', step: this.step, message } : { type: 'error', step: this.step, message, code });
  }

  log(message: string): void {
    this.events.push({ type: 'log', step: this.step, message });
  }

  final(output: unknown): void {
    this.events.push({ type: 'final', step: this.step, output });
  }
}

function summarise(messages: ChatMessage[], tools: number): { messages: number; lastRole: string; tools: number } {
  return { messages: messages.length, lastRole: messages[messages.length - 1]?.role ?? 'none', tools };
}
