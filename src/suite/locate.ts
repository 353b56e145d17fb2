import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';

/**
 * Line and column (1-based) of the deepest node along `path` in a YAML or JSON text (JSON is
 * YAML), for messages that point at the field; empty when the text does not parse.
 */
export function locate(text: string, path: ReadonlyArray<PropertyKey>): { line?: number; column?: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node = doc.contents as Node | null | undefined;
  let found = node;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true) as Node | undefined;
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true) as Node | undefined;
    else break;
    if (!node) break;
    found = node;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return {};
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** `tools.definitions[0].name` → ['tools', 'definitions', 0, 'name']. */
export function parsePath(path: string): PropertyKey[] {
  const parts: PropertyKey[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return parts;
}
