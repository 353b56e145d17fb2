import { exampleSchema, describeZodIssue, formatPath, type ConfigIssue, type Example } from '../config/index.js';
import type { SourcedExample } from './import/index.js';

/** An example with where it was written, for messages that point at it. */
export interface PlacedExample {
  example: Example;
  file: string;
  line?: number;
  /** `line 7` in a JSON-lines file, `examples[3]` inline. */
  where: string;
}

/** Validates imported examples against the suite's example schema, collecting every problem. */
export function validateSourced(sourced: SourcedExample[]): { placed: PlacedExample[]; issues: ConfigIssue[] } {
  const placed: PlacedExample[] = [];
  const issues: ConfigIssue[] = [];
  for (const { value, file, line } of sourced) {
    const result = exampleSchema.safeParse(value);
    if (result.success) placed.push({ example: result.data, file, line, where: `line ${line}` });
    else for (const issue of result.error.issues) {
      const described = describeZodIssue(issue, value);
      issues.push({ file, line, path: formatPath(described.path), message: `${described.message} (in the example made from this line)` });
    }
  }
  return { placed, issues };
}

/** Every id given more than once, each naming where it was first given. */
export function duplicateIds(placed: PlacedExample[]): ConfigIssue[] {
  const first = new Map<string, PlacedExample>();
  const issues: ConfigIssue[] = [];
  for (const entry of placed) {
    const earlier = first.get(entry.example.id);
    if (!earlier) {
      first.set(entry.example.id, entry);
      continue;
    }
    const earlierAt = earlier.file === entry.file ? earlier.where : `${earlier.file} ${earlier.where}`;
    const path = entry.where.startsWith('examples[') ? `${entry.where}.id` : 'id';
    issues.push({ file: entry.file, line: entry.line, path, message: `duplicate id "${entry.example.id}": also at ${earlierAt} (here: ${entry.where})` });
  }
  return issues;
}
