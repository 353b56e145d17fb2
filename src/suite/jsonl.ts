import type { z } from 'zod';
import { describeZodIssue, formatPath, type ConfigIssue } from '../config/index.js';
import { locate } from './locate.js';

export interface JsonlRow<T> {
  value: T;
  /** 1-based line number in the file. */
  line: number;
}

/**
 * Parses a JSON-lines text and validates every line with the schema. Blank lines are skipped.
 * Every problem is collected as `file:line:column: field: problem`, never stopping at the first.
 */
export function parseJsonl<S extends z.ZodType>(text: string, schema: S, file: string): { rows: Array<JsonlRow<z.output<S>>>; issues: ConfigIssue[] } {
  const rows: Array<JsonlRow<z.output<S>>> = [];
  const issues: ConfigIssue[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (lineText.trim() === '') return;
    let input: unknown;
    try {
      input = JSON.parse(lineText);
    } catch (error) {
      issues.push({ file, line, path: '', message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const result = schema.safeParse(input);
    if (result.success) {
      rows.push({ value: result.data, line });
      return;
    }
    for (const issue of result.error.issues) {
      const described = describeZodIssue(issue, input);
      const column = locate(lineText, described.path).column;
      issues.push({ file, line, ...(column === undefined ? {} : { column }), path: formatPath(described.path), message: described.message });
    }
  });
  return { rows, issues };
}
