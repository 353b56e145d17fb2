import type OpenAI from 'openai';
import type { RoleName, Sampling } from '../config/index.js';
import type { ServerTimings } from './reply.js';

export type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
export type ChatTool = OpenAI.Chat.Completions.ChatCompletionTool;

export interface JsonSchemaFormat {
  type: 'json_schema';
  json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };
}

/** What a caller asks of a role; the client adds the model, the role's sampling settings and the seed. */
export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ChatTool[];
  /** Only the string forms: servers such as llama.cpp treat the object form as "auto". */
  toolChoice?: 'auto' | 'none' | 'required';
  responseFormat?: JsonSchemaFormat;
  /** Overrides of the role's sampling settings (a blueprint's own, for instance). */
  sampling?: Sampling;
  /** Stream the reply (assembled by the client); replies are the same either way. */
  stream?: boolean;
}

export interface CallOptions {
  /**
   * Which sample this is: repeats of one example use distinct indices so they differ, and the
   * same index replays the same reply from the cache. Sent to the server as `seed`.
   */
  sampleIndex: number;
  signal?: AbortSignal;
  /** false: neither read nor write the response cache. */
  cache?: boolean;
}

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text, possibly invalid). */
  arguments: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: TokenUsage;
  model: string;
  cached: boolean;
  retries: number;
  latencyMs: number;
  /** The server's timings of its work (llama.cpp, the GPU-shaped simulated server); absent from the cache. */
  server?: ServerTimings;
}

export interface RoleUsage {
  calls: number;
  cacheHits: number;
  retries: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  /** In the currency of the role's pricing; 0 when no pricing is configured. */
  cost: number;
}

/** The one way any stage talks to a model. */
export interface ModelClient {
  readonly role: RoleName;
  readonly model: string;
  /** True when the endpoint is the simulated world (reports say so). */
  readonly simulated: boolean;
  chat(request: ChatRequest, options: CallOptions): Promise<ChatResult>;
  usage(): RoleUsage;
  /**
   * Tokens a prompt may take on this role's server: its context window (declared as
   * `contextTokens`, else as the server reports it) less the room kept for the reply.
   * Undefined when the window is unknown.
   */
  promptRoom?(): Promise<number | undefined>;
  /**
   * From now on, keep in flight what each server can serve rather than the configured
   * concurrency (which stays the maximum): its slots where it says (llama.cpp, SGLang), else a
   * limit adapted from latency. Says what was found per endpoint.
   */
  followCapacity?(): Promise<CapacityReport[]>;
  /** Requests allowed in flight now, over all endpoints (undefined before the first call opens them). */
  inFlightLimit?(): number | undefined;
}

export interface CapacityReport {
  url: string;
  engine: string | undefined;
  limit: number;
  describe: string;
}

/** The clients of every role for one command, plus what they share (cache, in-process simulated server). */
export interface ModelLayer {
  client(role: RoleName): ModelClient;
  /** Base URL of the in-process simulated world while one runs (some role says `baseURL: sim`). */
  readonly simURL?: string;
  usage(): Record<RoleName, RoleUsage>;
  /** Flushes the cache and stops an in-process simulated server. */
  close(): Promise<void>;
}
