import { pathToFileURL } from 'node:url';
import { sha256 } from '../core/hash.js';

export type ToolFunction = (args: unknown, context: { example: unknown }) => unknown;

/**
 * Imports a tools module. The URL carries the content hash so that a changed file is imported
 * afresh within one process (ES modules are cached by URL).
 */
export async function importToolsModule(path: string, content: Buffer): Promise<Record<string, unknown>> {
  const url = `${pathToFileURL(path).href}?sha256=${sha256(content).slice(0, 16)}`;
  return (await import(url)) as Record<string, unknown>;
}

/** The function for a tool: a named export, or a property of a default-exported object. */
export function toolFunction(module: Record<string, unknown>, name: string): { fn?: ToolFunction; found: unknown } {
  const named = Object.hasOwn(module, name) ? module[name] : undefined;
  const fromDefault = module.default !== null && typeof module.default === 'object' ? (module.default as Record<string, unknown>)[name] : undefined;
  const found = named ?? fromDefault;
  return typeof found === 'function' ? { fn: found as ToolFunction, found } : { found };
}
