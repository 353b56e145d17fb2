import { z } from 'zod';

export const roleNames = ['agent', 'critic', 'engineer'] as const;
export type RoleName = (typeof roleNames)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL or "sim"' });

/** Sampling settings a role sends with every request; a blueprint may override them for its agent. */
export const samplingSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  maxTokens: z.number().int().positive().optional(),
  /** Extra fields merged into the request body, e.g. vLLM's guided decoding parameters. */
  extraBody: z.record(z.string(), z.unknown()).optional(),
});
export type Sampling = z.infer<typeof samplingSchema>;

export const endpointSchema = z.strictObject({
  /** One URL, a list balanced by least in-flight requests, or "sim" for the in-process simulated world. */
  baseURL: z.union([z.literal('sim'), httpUrl, z.array(httpUrl).min(1)]).default('sim'),
  model: z.string().min(1).optional(),
  /** Name of the environment variable holding the API key; the key itself never appears in any file. */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
  /** Requests in flight at once, per base URL. */
  concurrency: z.number().int().min(1).max(4096).default(16),
  /**
   * auto: the run stage keeps in flight what the server can serve (its slots where it says,
   * llama.cpp /props or SGLang /get_server_info; else a limit adapted from latency), at most
   * `concurrency`. fixed: always `concurrency`.
   */
  capacity: z.enum(['auto', 'fixed']).default('auto'),
  timeoutMs: z.number().int().positive().default(120_000),
  maxRetries: z.number().int().min(0).max(20).default(4),
  /** Largest reply body read, in bytes: counted while it arrives (streamed or not), so an oversize reply is refused before it is parsed. */
  maxReplyBytes: z.number().int().positive().default(8 * 1024 * 1024),
  /**
   * Tokens one request may hold (prompt and reply) on this role's server. Read from the server
   * when it says (llama.cpp's /props, vLLM's max_model_len) and not declared; what agentdevel
   * builds itself (the critic's evidence) is clipped to fit.
   */
  contextTokens: z.number().int().min(512).optional(),
  /** Price per million tokens, for cost accounting in reports. */
  pricing: z.strictObject({ promptPerMillion: z.number().min(0), completionPerMillion: z.number().min(0) }).optional(),
  sampling: samplingSchema.default({}),
});
export type EndpointConfig = z.infer<typeof endpointSchema>;
