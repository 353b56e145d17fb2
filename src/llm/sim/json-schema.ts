import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { stableStringify } from '../../core/hash.js';
import { badRequest } from './http-error.js';

/**
 * JSON Schema checks for `response_format: json_schema`. Draft 2020-12 (what zod and most
 * clients emit); a draft-07 schema's `definitions` resolve the same. Formats are not checked:
 * the production package ships ajv without ajv-formats, and grammar-constrained servers do
 * not enforce them either.
 */
const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false, logger: false });
const compiled = new Map<string, { schema: object; validate: ValidateFunction }>();
const MAX_CACHED = 256;

/** Compiles (once per distinct schema) or answers 400 naming the schema as the bad parameter. */
export function compileResponseSchema(schema: Record<string, unknown>): ValidateFunction {
  // $schema would name a meta-schema ajv may not hold; $id would clash between distinct schemas.
  const { $schema: _meta, $id: _id, ...rest } = schema;
  const key = stableStringify(rest);
  const cached = compiled.get(key);
  if (cached) return cached.validate;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(rest);
  } catch (error) {
    ajv.removeSchema(rest);
    throw badRequest(`Invalid schema for response_format: ${(error as Error).message}.`, 'response_format.json_schema.schema', 'invalid_json_schema');
  }
  if (compiled.size >= MAX_CACHED) {
    const [oldKey, oldest] = compiled.entries().next().value as [string, { schema: object }];
    compiled.delete(oldKey);
    ajv.removeSchema(oldest.schema);
  }
  compiled.set(key, { schema: rest, validate });
  return validate;
}

/** Why `text` is not a JSON instance of the schema, or undefined when it is. */
export function schemaViolation(validate: ValidateFunction, text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (validate(value)) return undefined;
  return ajv.errorsText(validate.errors, { dataVar: 'reply' });
}
