import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';

type AjvClass = new (options: Record<string, unknown>) => AjvInstance;

/** CommonJS default exports arrive wrapped once or twice depending on the loader. */
function unwrap<T>(module: unknown): T {
  let value = module as { default?: unknown };
  while (value && typeof value !== 'function' && value.default !== undefined) value = value.default as { default?: unknown };
  return value as T;
}

const instances = new Map<string, Promise<AjvInstance>>();

/**
 * An Ajv instance for the schema's draft (2020-12 when its `$schema` says so, else draft-07),
 * with the standard formats when ajv-formats is installed; without it, formats are not checked.
 */
async function ajvFor(draft: '2020' | '07'): Promise<AjvInstance> {
  let instance = instances.get(draft);
  if (!instance) {
    instance = (async () => {
      const Ajv = unwrap<AjvClass>(draft === '2020' ? await import('ajv/dist/2020.js') : await import('ajv'));
      let addFormats: ((ajv: AjvInstance) => void) | undefined;
      try {
        addFormats = unwrap<(ajv: AjvInstance) => void>(await import('ajv-formats'));
      } catch {
        addFormats = undefined;
      }
      const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: addFormats !== undefined });
      addFormats?.(ajv);
      return ajv;
    })();
    instances.set(draft, instance);
  }
  return instance;
}

export async function compileSchema(schema: Record<string, unknown>): Promise<ValidateFunction> {
  const draft = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12') ? '2020' : '07';
  return (await ajvFor(draft)).compile(schema);
}
