import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { fail } from '../../core/errors.js';
import { storeLayout } from '../../store/index.js';

/** check.json: what a check compared and decided, so that `promote --from-check` can record exactly that. */
export const CHECK_FILE = 'check.json';
export const CHECK_SCHEMA_VERSION = 1;

const commitId = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full git commit id');

export const checkRecordSchema = z.object({
  schemaVersion: z.literal(CHECK_SCHEMA_VERSION),
  id: z.string().regex(/^[0-9a-f]{16}$/, 'expected a check id of 16 hex digits'),
  agent: z.string().min(1),
  base: z.object({ ref: z.string(), commit: commitId, hash: z.string().min(1) }),
  head: z.object({ ref: z.string(), commit: commitId.nullable(), hash: z.string().min(1) }),
  runs: z.object({ baseline: z.string().min(1), candidate: z.string().min(1), confirmation: z.array(z.string()) }),
  suites: z.array(z.string()),
  /** Blueprint files that differ between base and head, relative to the repository root. */
  changedFiles: z.array(z.string()),
  policy: z.string(),
  decision: z.enum(['accept', 'reject', 'inconclusive']),
  sampleBase: z.number().int().min(0),
  checkedAt: z.iso.datetime({ offset: true }),
});
export type CheckRecord = z.infer<typeof checkRecordSchema>;

/** `checks/<agent>/<id>/` in the store. */
export function checkDir(storeDir: string, agent: string, id: string): string {
  return join(storeLayout(storeDir).root, 'checks', agent, id);
}

/** A check's record from its folder (or a check.json path), checked field by field. */
export async function readCheckRecord(path: string): Promise<CheckRecord> {
  const file = path.endsWith('.json') ? path : join(path, CHECK_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail('ENOT_FOUND', `${file}: no check record (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      details: 'Give the folder `agentdevel check` printed (`.agentdevel/checks/<agent>/<id>`), its check.json, or the check id; in CI, download the check job\'s artifact first.',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('EGATE_INPUT', `${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = checkRecordSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return fail('EGATE_INPUT', `${file}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'not a check record'}`, {
    details: 'check.json is written by `agentdevel check`; run the check again rather than editing it.',
  });
}
