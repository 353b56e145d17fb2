import type { ToolDefinition } from '../config/index.js';
import type { ChatTool } from '../llm/types.js';

/** A suite's tool definition as an OpenAI function tool. */
export function toChatTool(definition: ToolDefinition): ChatTool {
  return { type: 'function', function: { name: definition.name, description: definition.description, parameters: definition.parameters } };
}

export type ParsedArguments = { ok: true; value: unknown } | { ok: false; value: string; error: string };

/**
 * Tool-call arguments as the model wrote them, parsed. An empty text means no arguments (some
 * servers send "" for a call without parameters); invalid JSON keeps the raw text.
 */
export function parseToolArguments(text: string): ParsedArguments {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, value: text, error: (error as Error).message };
  }
}

/** Default cap on an observation's length, in characters (see AgentRunnerOptions.observationLimit). */
export const OBSERVATION_LIMIT = 16_000;

/** A tool's result as the text the model reads: strings as they are, anything else as JSON; cut at `limit` characters. */
export function observationText(result: unknown, limit = OBSERVATION_LIMIT): string {
  let text: string;
  if (typeof result === 'string') text = result;
  else {
    try {
      text = JSON.stringify(result) ?? 'null';
    } catch {
      text = String(result);
    }
  }
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [truncated: ${text.length - limit} more characters]`;
}
