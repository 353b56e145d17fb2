/**
 * A small deterministic generator of a JSON value conforming to a JSON Schema: what a
 * grammar-constrained server produces when the simulated model has nothing of its own to
 * say. It covers the keywords structured-output schemas use (type, properties, required,
 * items, prefixItems, enum, const, anyOf/oneOf/allOf, $ref, length and range bounds,
 * common formats); the caller validates the result, so a schema beyond it is detected.
 */
type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;

/** Sample values of common formats; the salt keeps items of a uniqueItems array distinct. */
const formatSamples: Record<string, (salt: number) => string> = {
  'date-time': () => '2024-01-01T00:00:00Z',
  date: () => '2024-01-01',
  time: () => '00:00:00Z',
  email: (n) => `sim${n || ''}@example.com`,
  uri: (n) => `https://example.com/sim${n || ''}`,
  url: (n) => `https://example.com/sim${n || ''}`,
  uuid: (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  hostname: (n) => `sim${n || ''}.example.com`,
  ipv4: (n) => `127.0.0.${(n % 254) + 1}`,
};

export function instanceOf(schema: Schema): unknown {
  return generate(schema, schema, 0, 0);
}

function generate(schema: unknown, root: Schema, depth: number, salt: number): unknown {
  if (schema === true || schema === undefined) return {};
  if (schema === false || schema === null || typeof schema !== 'object' || depth > MAX_DEPTH) return null;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') return generate(resolvePointer(root, s.$ref), root, depth + 1, salt);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[salt % s.enum.length];
  const alternatives = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const preferred = alternatives.find((a) => (a as Schema | null)?.type !== 'null') ?? alternatives[0];
    return generate({ ...withoutKeys(s, ['anyOf', 'oneOf']), ...(preferred as Schema) }, root, depth + 1, salt);
  }
  if (Array.isArray(s.allOf)) return generate(mergeAll(withoutKeys(s, ['allOf']), s.allOf as Schema[], root), root, depth + 1, salt);
  switch (typeOf(s)) {
    case 'object':
      return objectOf(s, root, depth, salt);
    case 'array':
      return arrayOf(s, root, depth, salt);
    case 'string':
      return stringOf(s, salt);
    case 'integer':
      return numberOf(s, true, salt);
    case 'number':
      return numberOf(s, false, salt);
    case 'boolean':
      return salt % 2 === 0;
    case 'null':
      return null;
    default:
      return {};
  }
}

function typeOf(s: Schema): string | undefined {
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  const first = types.find((t) => t !== 'null') ?? types[0];
  if (first) return first;
  if (s.properties || s.required || s.additionalProperties !== undefined) return 'object';
  if (s.items || s.prefixItems) return 'array';
  if (s.minLength !== undefined || s.maxLength !== undefined || s.format !== undefined) return 'string';
  if (s.minimum !== undefined || s.maximum !== undefined) return 'number';
  return undefined;
}

function objectOf(s: Schema, root: Schema, depth: number, salt: number): Record<string, unknown> {
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  // Deep down, only what is required, so recursive schemas end.
  const keys = depth > MAX_DEPTH / 2 ? Object.keys(properties).filter((k) => required.has(k)) : Object.keys(properties);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = generate(properties[key], root, depth + 1, salt);
  for (const key of required) if (!(key in out)) out[key] = generate(s.additionalProperties ?? {}, root, depth + 1, salt);
  return out;
}

function arrayOf(s: Schema, root: Schema, depth: number, salt: number): unknown[] {
  const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as unknown[]) : [];
  const min = typeof s.minItems === 'number' ? s.minItems : 0;
  const max = typeof s.maxItems === 'number' ? s.maxItems : Number.MAX_SAFE_INTEGER;
  const count = Math.min(max, Math.max(min, prefix.length, depth > MAX_DEPTH / 2 ? 0 : 1));
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const item = i < prefix.length ? prefix[i] : (s.items ?? {});
    // A distinct salt per item keeps uniqueItems arrays unique.
    out.push(generate(item, root, depth + 1, salt + i));
  }
  return out;
}

function stringOf(s: Schema, salt: number): string {
  const format = typeof s.format === 'string' ? formatSamples[s.format]?.(salt) : undefined;
  let text = format ?? (salt === 0 ? 'sim' : `sim${salt}`);
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Number.MAX_SAFE_INTEGER;
  if (text.length < min) text = text.padEnd(min, 'x');
  return text.slice(0, max);
}

function numberOf(s: Schema, integer: boolean, salt: number): number {
  const step = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : 0.5;
  let low = typeof s.minimum === 'number' ? s.minimum : -Infinity;
  let high = typeof s.maximum === 'number' ? s.maximum : Infinity;
  if (typeof s.exclusiveMinimum === 'number') low = Math.max(low, s.exclusiveMinimum + step / 2);
  if (typeof s.exclusiveMaximum === 'number') high = Math.min(high, s.exclusiveMaximum - step / 2);
  const start = Number.isFinite(low) ? low : Number.isFinite(high) ? Math.min(0, high) : 0;
  let value = Math.ceil(start / step) * step + salt * step;
  if (value > high) value = Math.floor(high / step) * step;
  return integer ? Math.round(value) : value;
}

function resolvePointer(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#')) return {};
  const parts = ref.slice(1).split('/').filter(Boolean).map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const part of parts) node = node && typeof node === 'object' ? (node as Schema)[part] : undefined;
  return node ?? {};
}

function mergeAll(base: Schema, parts: Schema[], root: Schema): Schema {
  const merged: Schema = { ...base };
  for (const raw of parts) {
    const part = typeof raw.$ref === 'string' ? (resolvePointer(root, raw.$ref) as Schema) : raw;
    const properties = merged.properties || part.properties ? { ...(merged.properties as Schema), ...(part.properties as Schema) } : undefined;
    const required = merged.required || part.required ? [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])] : undefined;
    Object.assign(merged, part, properties ? { properties } : {}, required ? { required } : {});
  }
  return merged;
}

function withoutKeys(s: Schema, keys: string[]): Schema {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !keys.includes(k)));
}
