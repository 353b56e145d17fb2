import { fail } from '../../core/errors.js';

export interface ProgramParts {
  /** Code before the completion (HumanEval-X: the prompt with the function's head). */
  prefix: string;
  completion: string;
  tests: string;
}

const FENCE = /```[^\n`]*\n([\s\S]*?)```/;

/** Whether a text carries a markdown code fence: a common bad format of code answers. */
export function hasFence(text: string): boolean {
  return /^\s*```/m.test(text);
}

/** The code inside the first markdown fence, or the text itself when there is none. */
export function extractFenced(text: string): string {
  return FENCE.exec(text)?.[1] ?? text;
}

/** prefix + completion + tests, each on its own lines. */
export function assemble(parts: ProgramParts): string {
  return `${parts.prefix}${parts.completion}\n${parts.tests}\n`;
}

/**
 * The program with a last statement that writes `marker` in its folder: a program that exits 0
 * without writing it ended before its tests ran to the end (an answer that calls
 * `process.exit(0)` would otherwise pass every test it never ran).
 */
export function withEndMarker(program: string, marker: string): string {
  return `${program}\n;require('node:fs').writeFileSync(require('node:path').join(__dirname, ${JSON.stringify(marker)}), '');\n`;
}

type TypeScriptModule = typeof import('typescript');
let typescript: Promise<TypeScriptModule> | undefined;

/** Strips the types of a TypeScript program (no type check, as `tsc --isolatedModules` would emit it). */
export async function transpileTypeScript(source: string): Promise<{ code: string } | { error: string }> {
  typescript ??= import('typescript').then((m) => ((m as { default?: TypeScriptModule }).default ?? m) as TypeScriptModule);
  let ts: TypeScriptModule;
  try {
    ts = await typescript;
  } catch (error) {
    typescript = undefined;
    return fail('ESCORER', 'the code scorer needs the "typescript" package to run TypeScript programs, and it cannot be imported', { cause: error });
  }
  const output = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, isolatedModules: true },
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const first = errors[0]!;
    const where = first.file && first.start !== undefined ? `line ${first.file.getLineAndCharacterOfPosition(first.start).line + 1}: ` : '';
    return { error: `TypeScript syntax error: ${where}${ts.flattenDiagnosticMessageText(first.messageText, ' ')}` };
  }
  return { code: output.outputText };
}
