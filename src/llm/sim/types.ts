import type { Example, SimSuite, SimWorldConfig } from '../../config/index.js';

/**
 * The contract between the simulated server (protocol: HTTP, streaming, faults, latency) and
 * the world model behind it (what the "model" answers). The server parses and validates the
 * request body, asks the responder for a reply, and renders it in the OpenAI wire format.
 */

/** A chat-completions request body as the server received it (already JSON-parsed and checked). */
export interface SimChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: string; name?: string }>;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name: string; schema?: Record<string, unknown>; strict?: boolean } };
  seed?: number;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  stream?: boolean;
  [key: string]: unknown;
}

export interface SimReply {
  content: string | null;
  toolCalls: Array<{ name: string; arguments: string }>;
  /** Defaults to "tool_calls" when there are tool calls, else "stop". */
  finishReason?: 'stop' | 'tool_calls' | 'length';
}

export interface SimResponder {
  respond(request: SimChatRequest): SimReply;
}

/** What the world needs to know of a suite to play it. */
export interface SimSuiteInput {
  name: string;
  sim?: SimSuite;
  examples: Example[];
}

export interface SimWorldInput {
  config: SimWorldConfig;
  suites: SimSuiteInput[];
}
