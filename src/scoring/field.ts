/**
 * A value at a dotted path (`answer`, `result.items.0`). A plain string output stands for its
 * own `answer`, so agents that print only text can be scored on `answer`.
 */
export function readField(value: unknown, path: string | undefined): unknown {
  if (path === undefined) return value;
  if (typeof value === 'string' && path === 'answer') return value;
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Text of a value for scorers that compare text: strings as they are, other JSON as JSON. */
export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A value quoted for feedback, cut to a readable length. */
export function quote(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
