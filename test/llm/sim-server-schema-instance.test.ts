import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaInstance } from '../../src/llm/sim/index.js';

// Formats are checked here too (the server does not ship ajv-formats, but its samples must conform).
const ajv = new Ajv2020({ strict: false });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);

const zodSchemas: Record<string, z.ZodType> = {
  'a critique': z.object({
    labels: z.array(z.object({ label: z.enum(['skip-tool', 'bad-args']), description: z.string().min(3), evidence: z.string().max(200) })).min(1),
    confidence: z.number().gt(0).lte(1),
    notes: z.string().nullable(),
  }),
  'a release candidate': z.object({ patch: z.string().min(10), intent: z.object({ targets: z.array(z.string()).min(2), expectedFixes: z.int().min(1).max(5) }) }),
  'a tuple and a literal': z.object({ pair: z.tuple([z.string(), z.int().multipleOf(3).min(4)]), kind: z.literal('rc') }),
  'a union of objects': z.union([z.object({ ok: z.literal(true), value: z.string() }), z.object({ ok: z.literal(false), error: z.string() })]),
  'a recursive tree': z.object({
    get children(): z.ZodArray<z.ZodType> {
      return z.array(tree);
    },
    name: z.string(),
  }),
};
const tree: z.ZodType = zodSchemas['a recursive tree']!;

const handWritten: Record<string, Record<string, unknown>> = {
  'draft-07 definitions and $ref': { definitions: { id: { type: 'string', format: 'uuid' } }, type: 'object', properties: { ids: { type: 'array', items: { $ref: '#/definitions/id' }, minItems: 3, uniqueItems: true } }, required: ['ids'] },
  'allOf of two objects': { allOf: [{ type: 'object', properties: { a: { type: 'integer', exclusiveMinimum: 10 } }, required: ['a'] }, { properties: { b: { type: 'boolean' } }, required: ['b'] }] },
  'a nullable type list': { type: ['null', 'number'], minimum: -5, maximum: -2 },
  'required keys without properties': { type: 'object', required: ['x', 'y'], additionalProperties: { type: 'integer' } },
  'a string between bounds': { type: 'string', minLength: 12, maxLength: 12 },
  'formats': { type: 'object', properties: { when: { type: 'string', format: 'date-time' }, day: { type: 'string', format: 'date' }, mail: { type: 'string', format: 'email' }, site: { type: 'string', format: 'uri' }, host: { type: 'string', format: 'hostname' }, ip: { type: 'string', format: 'ipv4' } } },
  'an empty schema': {},
};

describe('the schema-instance generator', () => {
  it.each(Object.entries(zodSchemas))('makes a valid instance of %s (zod JSON Schema)', (_name, schema) => {
    const json = z.toJSONSchema(schema) as Record<string, unknown>;
    const { $schema: _meta, ...rest } = json;
    const instance = schemaInstance(json);
    expect(ajv.validate(rest, instance), JSON.stringify({ instance, errors: ajv.errors })).toBe(true);
    expect(schema.safeParse(instance).success).toBe(true);
  });

  it.each(Object.entries(handWritten))('makes a valid instance of %s', (_name, schema) => {
    const instance = schemaInstance(schema);
    expect(ajv.validate(schema, instance), JSON.stringify({ instance, errors: ajv.errors })).toBe(true);
  });

  it('is deterministic', () => {
    const schema = z.toJSONSchema(zodSchemas['a critique']!) as Record<string, unknown>;
    expect(JSON.stringify(schemaInstance(schema))).toBe(JSON.stringify(schemaInstance(schema)));
  });
});
