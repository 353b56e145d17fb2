/**
 * Building the call a correct agent makes from BFCL-style expected calls (`{ function: { param:
 * [acceptable values] } }`): the first acceptable value of each parameter, where "" first means
 * "leave it out", and dictionaries given as patterns (`{ key: [acceptable values] }`) filled in
 * the same way. Used for the simulated world's annotations and by replaying test agents.
 */

function isPattern(value: unknown): value is Record<string, unknown[]> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(Array.isArray);
}

/** The value a correct call passes for a parameter; undefined means "leave it out". */
export function referenceValue(acceptable: readonly unknown[]): unknown {
  const first = acceptable[0];
  if (first === '' || first === undefined) return undefined;
  return fill(first);
}

function fill(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fill);
  if (isPattern(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, acceptable] of Object.entries(value)) {
      const ref = referenceValue(acceptable);
      if (ref !== undefined) out[key] = ref;
    }
    return out;
  }
  return value;
}

/** The reference call of one expected entry `{ name: { param: [values] } }`. */
export function referenceCall(name: string, params: Record<string, readonly unknown[]>): { name: string; arguments: Record<string, unknown> } {
  const args: Record<string, unknown> = {};
  for (const [param, acceptable] of Object.entries(params)) {
    const value = referenceValue(acceptable);
    if (value !== undefined) args[param] = value;
  }
  return { name, arguments: args };
}
