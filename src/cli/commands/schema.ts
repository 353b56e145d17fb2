import { resolve, join } from 'node:path';
import { z } from 'zod';
import { agentSchema, gatePolicySchema, projectSchema, suiteSchema } from '../../config/index.js';
import { writeJsonAtomic } from '../../store/atomic.js';
import type { CliContext } from '../context.js';

const schemas: Record<string, z.ZodType> = {
  'agentdevel.schema.json': projectSchema,
  'agent.schema.json': agentSchema,
  'suite.schema.json': suiteSchema,
  'gate.schema.json': gatePolicySchema,
};

export function jsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schemas).map(([file, schema]) => [file, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]),
  );
}

export default async function schema(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const outDir = resolve(ctx.cwd, String(options.out ?? 'schemas'));
  const written: string[] = [];
  for (const [file, value] of Object.entries(jsonSchemas())) {
    const path = join(outDir, file);
    await writeJsonAtomic(path, value);
    written.push(path);
  }
  ctx.result(
    [...written.map((p) => `wrote ${p}`), 'Point your editor at them, e.g. a first line `# yaml-language-server: $schema=schemas/suite.schema.json`.'].join('\n'),
    { written },
  );
  return 0;
}
