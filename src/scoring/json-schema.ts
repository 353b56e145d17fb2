import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { readText, type jsonSchemaScorerSchema } from '../config/index.js';
import { fail } from '../core/errors.js';
import { compileSchema } from './ajv.js';
import { quote, readField } from './field.js';
import { failed, passed } from './result.js';
import type { Scorer, ScorerContext } from './types.js';

type JsonSchemaConfig = z.infer<typeof jsonSchemaScorerSchema>;

/** The path of the schema file a json-schema scorer reads, if it names one. */
export function jsonSchemaFile(config: JsonSchemaConfig, suiteDir: string): string | undefined {
  return typeof config.schema === 'string' ? resolve(suiteDir, config.schema) : undefined;
}

async function loadSchema(config: JsonSchemaConfig, context: ScorerContext): Promise<Record<string, unknown>> {
  const path = jsonSchemaFile(config, context.suiteDir);
  if (!path) return config.schema as Record<string, unknown>;
  const text = await readText(path);
  try {
    const value: unknown = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected an object');
    return value as Record<string, unknown>;
  } catch (error) {
    return fail('ESCORER', `scorer.schema: ${path}: not a JSON Schema (${(error as Error).message})`);
  }
}

/**
 * Passes when the output (or the field named) satisfies a JSON Schema. A text is parsed as
 * JSON first, so an answer given as a JSON string is scored by its content.
 */
export async function jsonSchemaScorer(config: JsonSchemaConfig, context: ScorerContext): Promise<Scorer> {
  const schema = await loadSchema(config, context);
  let validate: Awaited<ReturnType<typeof compileSchema>>;
  try {
    validate = await compileSchema(schema);
  } catch (error) {
    return fail('ESCORER', `scorer.schema: not a valid JSON Schema: ${(error as Error).message}`);
  }
  const label = config.field ?? 'output';
  return {
    async score({ output }) {
      let value = readField(output, config.field);
      if (value === undefined) return failed(`no ${label} to check against the JSON Schema`);
      if (typeof value === 'string') {
        try {
          value = JSON.parse(value);
        } catch (error) {
          return failed(`${label} is not valid JSON (${(error as Error).message}): ${quote(value)}`);
        }
      }
      if (validate(value)) return passed(`${label} satisfies the JSON Schema`);
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`);
      return failed(`${label} does not satisfy the JSON Schema: ${errors.slice(0, 8).join('; ')}${errors.length > 8 ? `; and ${errors.length - 8} more` : ''}. Value: ${quote(value)}`);
    },
  };
}
