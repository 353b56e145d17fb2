import { resolve } from 'node:path';
import type { ScorerConfig } from '../config/index.js';

/** Files a scorer config names (a JSON Schema file, a custom module), with the field naming each. */
export function scorerFiles(config: ScorerConfig, suiteDir: string, field = 'scorer'): Array<{ path: string; field: string }> {
  switch (config.kind) {
    case 'json-schema':
      return typeof config.schema === 'string' ? [{ path: resolve(suiteDir, config.schema), field: `${field}.schema` }] : [];
    case 'custom':
      return [{ path: resolve(suiteDir, config.module), field: `${field}.module` }];
    case 'all':
      return config.scorers.flatMap((sub, i) => scorerFiles(sub, suiteDir, `${field}.scorers[${i}]`));
    default:
      return [];
  }
}
