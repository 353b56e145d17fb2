import type { PromptAgentConfig } from '../../config/index.js';
import { isAgentdevelError } from '../../core/errors.js';
import type { ToolCallRecord } from '../../core/records.js';
import type { ChatMessage, ChatRequest, ModelClient, ToolCall } from '../../llm/types.js';
import type { EpisodeClock } from '../episode-clock.js';
import { observationText, parseToolArguments, toChatTool } from '../tool-format.js';
import type { EpisodeTrace } from '../trace.js';
import type { EpisodeInput, EpisodeOutcome } from '../types.js';
import { taskMessages } from './messages.js';

/** What a prompt agent gives the scorer. */
export interface PromptAgentOutput {
  answer: string | null;
  toolCalls: ToolCallRecord[];
}

export interface LoopContext {
  config: PromptAgentConfig;
  client: ModelClient;
  system: string;
  observationLimit: number;
}

/**
 * The tool-calling loop: up to `maxSteps` model calls; each reply's tool calls run in order and
 * their results go back as tool messages. A reply without tool calls is the answer. When the
 * suite does not execute tools, the first reply's calls are the answer.
 */
export async function runToolLoop(ctx: LoopContext, input: EpisodeInput, clock: EpisodeClock, trace: EpisodeTrace, output: PromptAgentOutput): Promise<EpisodeOutcome> {
  const { example, tools: env } = input;
  const definitions = env.definitions(example);
  const tools = definitions.map(toChatTool);
  const known = new Set(definitions.map((d) => d.name));
  const messages: ChatMessage[] = [{ role: 'system', content: ctx.system }, ...taskMessages(example)];

  for (let step = 1; step <= ctx.config.maxSteps; step++) {
    const request: ChatRequest = { messages: [...messages], ...(tools.length > 0 ? { tools } : {}), ...(ctx.config.sampling ? { sampling: ctx.config.sampling } : {}) };
    const result = await ctx.client.chat(request, { sampleIndex: input.sampleIndex, signal: clock.signal });
    const calls = trace.llmCall(request, result);
    output.answer = result.content;
    output.toolCalls.push(...calls.map(({ name, arguments: args }) => ({ name, arguments: args })));
    if (calls.length === 0 || !env.execute) return { status: 'completed' };

    const withIds = result.toolCalls.map((call, i) => ({ ...call, id: call.id || `call_${step}_${i}` }));
    messages.push({
      role: 'assistant',
      content: result.content,
      tool_calls: withIds.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
    });
    for (const call of withIds) {
      const content = await runTool(call, known, ctx, input, clock, trace);
      messages.push({ role: 'tool', tool_call_id: call.id, content });
    }
  }
  return { status: 'fail', reason: `step limit (${ctx.config.maxSteps})` };
}

/** Runs one call and records its observation; the agent's own mistakes come back to it as error observations. */
async function runTool(call: ToolCall, known: Set<string>, ctx: LoopContext, input: EpisodeInput, clock: EpisodeClock, trace: EpisodeTrace): Promise<string> {
  const parsed = parseToolArguments(call.arguments);
  let content: string;
  if (!parsed.ok) {
    const sent = call.arguments.length > 300 ? `${call.arguments.slice(0, 300)}…` : call.arguments;
    content = `Error: the arguments of ${call.name} are not valid JSON (${parsed.error}); the tool was not called. You sent: ${sent}`;
    trace.error(`invalid JSON arguments for ${call.name}: ${parsed.error}`);
  } else if (!known.has(call.name)) {
    content = `Error: there is no tool named "${call.name}". Available: ${[...known].join(', ') || 'none'}.`;
    trace.error(`unknown tool ${call.name}`);
  } else {
    try {
      content = observationText(await clock.race(input.tools.call(call.name, parsed.value, input.example)), ctx.observationLimit);
    } catch (error) {
      // A deadline, an interruption or a fault of the suite's setup is not the tool's answer.
      if (clock.signal.aborted || isAgentdevelError(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      content = observationText(`Error: ${message}`, ctx.observationLimit);
      trace.error(`tool ${call.name} failed: ${message}`);
    }
  }
  trace.observation(call.id, call.name, content);
  return content;
}
