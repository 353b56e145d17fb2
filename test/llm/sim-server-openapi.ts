import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validators for replies built from the OpenAI API specification: its reply schemas and every
 * schema they reach, kept in the repository (test/fixtures/data/openai-openapi, MIT, extracted
 * unchanged from the full specification in ../shared/data; test/suite/extracts.test.ts checks
 * that where the full one is present). The spec mixes OpenAPI-only keywords into its JSON
 * Schemas: `nullable` is rewritten as an anyOf with null, `discriminator` and `x-*` are dropped.
 */
export const OPENAPI_FILE = fileURLToPath(new URL('../fixtures/data/openai-openapi/openapi.yaml', import.meta.url));
export const FULL_OPENAPI_FILE = fileURLToPath(new URL('../../../shared/data/openai-openapi/openapi.yaml', import.meta.url));

export const replySchemas = ['CreateChatCompletionResponse', 'CreateChatCompletionStreamResponse', 'ErrorResponse', 'ListModelsResponse', 'Model'] as const;
export type ReplySchema = (typeof replySchemas)[number];

const SPEC_ID = 'https://openai.invalid/openapi';
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The reply schemas of a specification file and every schema they reach, as the file has them. */
export function replySchemaClosure(file: string): Record<string, unknown> {
  const spec = parse(readFileSync(file, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const all = spec.components.schemas;
  const needed: Record<string, unknown> = {};
  const visit = (name: string) => {
    if (name in needed) return;
    if (!(name in all)) throw new Error(`the OpenAI spec has no schema ${name}`);
    needed[name] = all[name];
    for (const ref of refsIn(all[name])) visit(ref);
  };
  replySchemas.forEach(visit);
  return needed;
}

export function loadOpenApiValidators(): Record<ReplySchema, ValidateFunction> {
  const needed = Object.fromEntries(Object.entries(replySchemaClosure(OPENAPI_FILE)).map(([name, schema]) => [name, toJsonSchema(schema)]));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: needed } });
  return Object.fromEntries(replySchemas.map((name) => [name, ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` })])) as Record<ReplySchema, ValidateFunction>;
}

/** Throws with ajv's errors when `value` does not match the named schema of the spec. */
export function expectConforms(validators: Record<ReplySchema, ValidateFunction>, name: ReplySchema, value: unknown): void {
  const validate = validators[name];
  if (!validate(value)) throw new Error(`reply does not conform to ${name}: ${JSON.stringify(validate.errors, null, 2)}\n${JSON.stringify(value)}`);
}

function refsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.add(value.split('/').pop()!);
      else refsIn(value, out);
    }
  }
  return out;
}

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'discriminator' || key === 'nullable' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/', `${SPEC_ID}#/`);
    else out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value);
  }
  if ((node as { nullable?: unknown }).nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}
