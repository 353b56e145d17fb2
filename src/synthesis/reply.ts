import { z } from 'zod';
import type { JsonSchemaFormat } from '../llm/index.js';

/** The name of the engineer's response format; the simulated world routes requests by it. */
export const RELEASE_CANDIDATE_FORMAT = 'release_candidate';

export const intentSchema = z.strictObject({
  targets: z.array(z.string().min(1)).min(1).describe('Symptom labels (from the specification) the change targets.'),
  summary: z.string().min(1).describe('One or two sentences: what the change does and why.'),
  expectedFixes: z.array(z.string().min(1)).describe('Ids of the examples expected to flip from fail to pass.'),
});

/** Exactly one change: a unified diff and what it is meant to do. */
export const engineerReplySchema = z.strictObject({
  patch: z.string().describe('One unified diff, paths relative to the agent folder with a/ and b/ prefixes.'),
  intent: intentSchema,
});
export type EngineerReply = z.infer<typeof engineerReplySchema>;

export const releaseCandidateFormat: JsonSchemaFormat = {
  type: 'json_schema',
  json_schema: { name: RELEASE_CANDIDATE_FORMAT, strict: true, schema: z.toJSONSchema(engineerReplySchema) as Record<string, unknown> },
};

/**
 * The reply's JSON checked against the schema; the error text is what the engineer is told. A
 * reply cut at max_tokens (finish reason "length") before its JSON ended says so.
 */
export function readEngineerReply(content: string | null, finishReason?: string): { ok: true; reply: EngineerReply } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(content?.trim() ?? '');
  } catch (error) {
    if (finishReason === 'length') return { ok: false, message: `the reply was cut at max_tokens (finish_reason "length") before its JSON ended: raise the engineer's sampling.maxTokens, or ask for a smaller change` };
    return { ok: false, message: `the reply is not valid JSON (${(error as Error).message})` };
  }
  const parsed = engineerReplySchema.safeParse(value);
  if (parsed.success) return { ok: true, reply: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, message: `the reply does not match the release_candidate schema: ${problems.join('; ')}` };
}

