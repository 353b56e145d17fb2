import { z } from 'zod';
import type { CritiqueRecord } from '../core/critique.js';
import { fail } from '../core/errors.js';

const symptomSchema = z.object({
  // Taxonomy labels are kebab-case (config's taxonomyLabelSchema); `other` carries the critic's own name in `proposed`.
  label: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case taxonomy label'),
  proposed: z.string().optional(),
  description: z.string(),
  evidence: z.string(),
  step: z.number().int().nullable(),
  evidenceFound: z.boolean().optional(),
});

/** A line of critique.jsonl. Unknown fields (from a newer critic) are dropped, not refused. */
export const critiqueRecordSchema = z.object({
  runId: z.string().min(1),
  suite: z.string().min(1),
  exampleId: z.string().min(1),
  repeat: z.number().int().min(0),
  status: z.enum(['pass', 'fail']),
  verdict: z.enum(['fail', 'fragile-pass', 'pass', 'unlabelled']),
  symptoms: z.array(symptomSchema),
  taxonomyVersion: z.number().int().min(1),
  critic: z.object({ model: z.string(), simulated: z.boolean(), attempts: z.number().int().min(0), cached: z.boolean() }),
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).optional(),
  error: z.string().optional(),
});

/** Checks one parsed line of a critique file; a bad one is EDIAGNOSIS_INPUT naming the file, the entry and the field. */
export function parseCritique(value: unknown, file: string, entry: number): CritiqueRecord {
  const parsed = critiqueRecordSchema.safeParse(value);
  if (parsed.success) return parsed.data as CritiqueRecord;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return fail('EDIAGNOSIS_INPUT', `${file}: critique ${entry}: ${path || '(the line)'}: ${issue.message}`);
}
