/**
 * BFCL's function descriptions are JSON-Schema-like with types of their own ("dict", "float",
 * "tuple", "any", Java/JavaScript spellings). This maps them to JSON Schema that OpenAI-style
 * tool calling accepts, keeping descriptions, enums and defaults and dropping BFCL's "optional".
 */

const typeMap: Record<string, string | undefined> = {
  dict: 'object',
  object: 'object',
  hashmap: 'object',
  map: 'object',
  float: 'number',
  double: 'number',
  number: 'number',
  integer: 'integer',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  bigint: 'integer',
  array: 'array',
  arraylist: 'array',
  list: 'array',
  tuple: 'array',
  string: 'string',
  char: 'string',
  character: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  any: undefined,
};

const kept = ['description', 'enum', 'default', 'format', 'minimum', 'maximum', 'pattern', 'minItems', 'maxItems'] as const;

export function toJsonSchema(node: unknown): Record<string, unknown> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return {};
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const type = typeof source.type === 'string' ? typeMap[source.type.toLowerCase()] : undefined;
  if (type) out.type = type;
  for (const key of kept) if (source[key] !== undefined) out[key] = source[key];
  if (source.properties !== null && typeof source.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(source.properties as Record<string, unknown>).map(([k, v]) => [k, toJsonSchema(v)]));
    if (!out.type) out.type = 'object';
  }
  if (Array.isArray(source.required)) out.required = source.required.filter((r) => typeof r === 'string');
  if (source.items !== undefined) out.items = toJsonSchema(source.items);
  return out;
}
