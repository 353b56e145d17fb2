import { resolve } from 'node:path';
import type { SuiteTools, ToolDefinition } from '../config/index.js';
import type { ConfigIssue } from '../config/index.js';
import type { FileReads } from './file-reads.js';
import { lookupCanned } from './tool-table.js';
import { importToolsModule, toolFunction, type ToolFunction } from './tools-module.js';
import type { LoadedExample, ToolEnvironment } from './types.js';

export interface ToolSetup {
  tools: SuiteTools | undefined;
  /** Whether calls run when the suite does not say (false for function-calling benchmarks). */
  executeByDefault: boolean;
  suiteDir: string;
  suiteFile: string;
  reads: FileReads;
  /** Display name of a path, for messages. */
  display: (path: string) => string;
}

/**
 * Builds the suite's tools. Problems (a module that cannot be imported, a defined tool with no
 * implementation) are returned as issues so the loader reports them with the rest.
 */
export async function createToolEnvironment(setup: ToolSetup): Promise<{ tools: ToolEnvironment; issues: ConfigIssue[] }> {
  const { tools, suiteFile } = setup;
  const definitions: ToolDefinition[] = tools?.definitions ?? [];
  const table = tools?.table ?? {};
  const execute = tools?.execute ?? setup.executeByDefault;
  const issues: ConfigIssue[] = [];
  const implementations = new Map<string, ToolFunction>();

  let module: Record<string, unknown> | undefined;
  if (tools?.module) {
    const path = resolve(setup.suiteDir, tools.module);
    const content = await setup.reads.buffer(path, 'tools.module');
    try {
      module = await importToolsModule(path, content);
    } catch (error) {
      issues.push({ file: setup.display(path), path: '', message: `the tools module cannot be imported: ${(error as Error).message.split('\n')[0]}` });
    }
  }

  definitions.forEach((definition, index) => {
    if (Object.hasOwn(table, definition.name)) return;
    const { fn, found } = module ? toolFunction(module, definition.name) : { fn: undefined, found: undefined };
    if (fn) {
      implementations.set(definition.name, fn);
      return;
    }
    if (!execute || (tools?.module && !module)) return;
    const where = tools?.module ? `${tools.module} has no export "${definition.name}"${found === undefined ? '' : ` that is a function (found ${typeof found})`}` : 'no tools.module is given';
    issues.push({ file: suiteFile, path: `tools.definitions[${index}].name`, message: `tool "${definition.name}" has no implementation: ${where} and tools.table has no entry for it` });
  });
  if (definitions.length > 0) {
    for (const name of Object.keys(table)) {
      if (!definitions.some((d) => d.name === name)) issues.push({ file: suiteFile, path: `tools.table.${name}`, message: `no tool "${name}" in tools.definitions (check the spelling)` });
    }
  }

  const environment: ToolEnvironment = {
    execute,
    definitions: (example: LoadedExample) => example.tools ?? definitions,
    async call(name: string, args: unknown, example: LoadedExample): Promise<unknown> {
      if (!execute) throw new Error(`tools are not executed in this suite: the call to ${name} is the answer`);
      const entries = table[name];
      if (entries) return lookupCanned(name, entries, args);
      const fn = implementations.get(name) ?? (module ? toolFunction(module, name).fn : undefined);
      if (!fn) throw new Error(`unknown tool "${name}"; the tools are ${environment.definitions(example).map((d) => d.name).join(', ') || 'none'}`);
      try {
        return await fn(args, { example });
      } catch (error) {
        throw error instanceof Error ? error : new Error(`${name} failed: ${String(error)}`);
      }
    },
  };
  return { tools: environment, issues };
}
