import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { customScorerSchema } from '../config/index.js';
import { fail } from '../core/errors.js';
import { readText } from '../config/index.js';
import { sha256 } from '../core/hash.js';
import type { ScoreInput, ScoreResult, Scorer, ScorerContext } from './types.js';

type CustomConfig = z.infer<typeof customScorerSchema>;

/** What a custom scorer may return: a verdict object, or just a boolean. */
const verdictSchema = z.union([
  z.boolean().transform((pass) => ({ pass, score: pass ? 1 : 0, feedback: '' })),
  z
    .object({ pass: z.boolean(), score: z.number().min(0).max(1).optional(), feedback: z.string().default('') })
    .transform((v) => ({ pass: v.pass, score: v.score ?? (v.pass ? 1 : 0), feedback: v.feedback })),
]);

type ScoreFunction = (input: ScoreInput) => unknown;

/** The path of a custom scorer's module. */
export function customModuleFile(config: CustomConfig, suiteDir: string): string {
  return resolve(suiteDir, config.module);
}

/** A user module's export, called with the ScoreInput; its verdict is validated. */
export async function customScorer(config: CustomConfig, context: ScorerContext): Promise<Scorer> {
  const path = customModuleFile(config, context.suiteDir);
  const content = await readText(path);
  let module: Record<string, unknown>;
  try {
    module = (await import(`${pathToFileURL(path).href}?sha256=${sha256(content).slice(0, 16)}`)) as Record<string, unknown>;
  } catch (error) {
    return fail('ESCORER', `scorer.module: ${config.module} cannot be imported: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const exported = module[config.export];
  const fn: ScoreFunction | undefined =
    typeof exported === 'function'
      ? (exported as ScoreFunction)
      : exported !== null && typeof exported === 'object' && typeof (exported as { score?: unknown }).score === 'function'
        ? (input) => (exported as { score: ScoreFunction }).score(input)
        : undefined;
  if (!fn) {
    const found = exported === undefined ? `it has no export "${config.export}" (exports: ${Object.keys(module).join(', ') || 'none'})` : `its export "${config.export}" is a ${typeof exported}`;
    return fail('ESCORER', `scorer.module: ${config.module}: ${found}; expected a function (input) => { pass, score, feedback }`);
  }
  return {
    async score(input): Promise<ScoreResult> {
      let value: unknown;
      try {
        value = await fn(input);
      } catch (error) {
        return fail('ESCORER', `custom scorer ${config.module} threw on example "${input.example.id}": ${(error as Error).message ?? String(error)}`, { cause: error });
      }
      const verdict = verdictSchema.safeParse(value);
      if (!verdict.success) {
        return fail('ESCORER', `custom scorer ${config.module} returned ${JSON.stringify(value)?.slice(0, 120) ?? String(value)} for example "${input.example.id}"; expected { pass: boolean, score?: 0..1, feedback?: string } or a boolean`);
      }
      return verdict.data;
    },
  };
}
