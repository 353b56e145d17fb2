import { LineCounter, parseDocument } from 'yaml';
import { locateNode } from '../config/index.js';

/**
 * Line and column (1-based) of the deepest node along `path` in a YAML or JSON text (JSON is
 * YAML), for messages that point at the field; empty when the text does not parse.
 */
export function locate(text: string, path: ReadonlyArray<PropertyKey>): { line?: number; column?: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return locateNode(doc.contents, path, lineCounter);
}

/** `tools.definitions[0].name` → ['tools', 'definitions', 0, 'name']. */
export function parsePath(path: string): PropertyKey[] {
  const parts: PropertyKey[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return parts;
}
