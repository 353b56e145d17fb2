import type * as TS from 'typescript';
import { fail } from '../../core/errors.js';

type TypeScriptModule = typeof import('typescript');
let typescript: Promise<TypeScriptModule> | undefined;

const FILE = 'answer.ts';
const GLOBALS = 'node-globals.d.ts';
/** Node's CommonJS globals a test harness uses, typed loosely (no @types/node is assumed), as MultiPL-E's own tests declare them. */
const GLOBALS_TEXT = 'declare var require: any;\ndeclare var module: any;\ndeclare var process: any;\ndeclare var __dirname: string;\n';
/** tsc's defaults for one file, as MultiPL-E runs it (`tsc --target esnext`): not strict. */
const OPTIONS: TS.CompilerOptions = { noEmit: true, target: 99 /* ESNext */, module: 1 /* CommonJS */, skipLibCheck: true, types: [] };

/** Parsed standard-library files, kept across programs: parsing lib.*.d.ts is most of a type check's cost. */
const libFiles = new Map<string, TS.SourceFile>();

export async function loadTypeScript(): Promise<TypeScriptModule> {
  typescript ??= import('typescript').then((m) => ((m as unknown as { default?: TypeScriptModule }).default ?? m) as TypeScriptModule);
  try {
    return await typescript;
  } catch (error) {
    typescript = undefined;
    return fail('ESCORER', 'the code scorer needs the "typescript" package to run TypeScript programs, and it cannot be imported', { cause: error });
  }
}

/**
 * Type-checks a TypeScript program as `tsc` would before running it: the first type error, or
 * undefined. Without it `const s: number = "0.5"` runs (types are only stripped) and passes
 * here while the benchmark's own harness, which compiles with tsc, fails it.
 */
export async function typeCheck(source: string): Promise<string | undefined> {
  const ts = await loadTypeScript();
  const host = ts.createCompilerHost(OPTIONS);
  const readLib = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    if (name === FILE) return ts.createSourceFile(name, source, languageVersion, true);
    if (name === GLOBALS) return ts.createSourceFile(name, GLOBALS_TEXT, languageVersion, true);
    let lib = libFiles.get(name);
    if (!lib) {
      lib = readLib(name, languageVersion, onError);
      if (lib) libFiles.set(name, lib);
    }
    return lib;
  };
  host.fileExists = (name) => name === FILE || name === GLOBALS || ts.sys.fileExists(name);
  host.writeFile = () => undefined;
  const program = ts.createProgram([GLOBALS, FILE], OPTIONS, host);
  const errors = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName === FILE);
  const first = errors[0];
  if (!first) return undefined;
  const where = first.file && first.start !== undefined ? `line ${first.file.getLineAndCharacterOfPosition(first.start).line + 1}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `TypeScript type error: ${where}${ts.flattenDiagnosticMessageText(first.messageText, ' ')}${more}`;
}
