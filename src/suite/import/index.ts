import type { ImportSource } from '../../config/index.js';
import { importBfcl } from './bfcl.js';
import { importHumanEvalX, importMultiplE } from './code-tasks.js';
import type { ImportContext, ImportResult } from './context.js';

export type { ImportContext, ImportResult, SourcedExample } from './context.js';
export { referenceCall, referenceValue } from './bfcl-reference.js';
export { toJsonSchema } from './bfcl-schema.js';

/** Reads a public benchmark's own files into examples. */
export function importSource(source: ImportSource, ctx: ImportContext): Promise<ImportResult> {
  switch (source.format) {
    case 'bfcl':
      return importBfcl(source, ctx);
    case 'humaneval-x':
      return importHumanEvalX(source, ctx);
    case 'multipl-e':
      return importMultiplE(source, ctx);
  }
}
