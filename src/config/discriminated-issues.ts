import type { z } from 'zod';

/**
 * A discriminated union stops at a bad discriminator (`kind: promt`) and checks nothing else
 * of that object, so a second problem (`maxStep:`) would surface only after the first is
 * fixed. For each such issue this re-checks the object as each accepted kind and returns the
 * other problems under the kind that fits best (the fewest problems), so every problem is
 * reported at once.
 */
export function issuesBehindDiscriminators(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const found: z.core.$ZodIssue[] = [];
  const seen = new Set(issues.map(key));
  for (const issue of issues) {
    const options = badDiscriminator(issue);
    if (!options) continue;
    const owner = issue.path.slice(0, -1);
    let best: z.core.$ZodIssue[] | undefined;
    for (const option of options) {
      const result = schema.safeParse(replaceAt(input, issue.path, option));
      const inside = result.success ? [] : result.error.issues.filter((i) => startsWith(i.path, owner) && !samePath(i.path, issue.path));
      if (!best || inside.length < best.length) best = inside;
    }
    for (const hidden of best ?? []) {
      if (seen.has(key(hidden))) continue;
      seen.add(key(hidden));
      found.push(hidden);
    }
  }
  return found;
}

function badDiscriminator(issue: z.core.$ZodIssue): unknown[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const { discriminator, options } = issue as { discriminator?: unknown; options?: unknown[] };
  return typeof discriminator === 'string' && Array.isArray(options) && options.length > 0 ? options : undefined;
}

/** A copy of `root` with the value at `path` replaced (objects and arrays along the path copied). */
function replaceAt(root: unknown, path: ReadonlyArray<PropertyKey>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<PropertyKey, unknown>) }) as Record<PropertyKey, unknown>;
  copy[head!] = replaceAt(copy[head!], rest, value);
  return copy;
}

function startsWith(path: ReadonlyArray<PropertyKey>, prefix: ReadonlyArray<PropertyKey>): boolean {
  return prefix.every((part, i) => path[i] === part);
}

function samePath(a: ReadonlyArray<PropertyKey>, b: ReadonlyArray<PropertyKey>): boolean {
  return a.length === b.length && startsWith(a, b);
}

function key(issue: z.core.$ZodIssue): string {
  return `${issue.code} ${issue.path.map(String).join('.')} ${issue.message}`;
}
