import type { ScorerConfig } from '../config/index.js';
import { allScorer } from './all.js';
import { codeScorer } from './code/scorer.js';
import { criticScorer } from './critic.js';
import { customScorer } from './custom.js';
import { exactScorer } from './exact.js';
import { jsonSchemaScorer } from './json-schema.js';
import { regexScorer } from './regex.js';
import { toolCallsScorer } from './tool-calls/scorer.js';
import type { Scorer, ScorerContext } from './types.js';

/**
 * The scorer a suite's `scorer:` describes. Files it names (schemas, modules) are read now, so
 * a broken one is reported before any episode runs.
 */
export async function createScorer(config: ScorerConfig, context: ScorerContext): Promise<Scorer> {
  switch (config.kind) {
    case 'exact':
      return exactScorer(config);
    case 'regex':
      return regexScorer(config);
    case 'json-schema':
      return jsonSchemaScorer(config, context);
    case 'tool-calls':
      return toolCallsScorer(config, context);
    case 'code':
      return codeScorer(config);
    case 'critic':
      return criticScorer(config, context);
    case 'custom':
      return customScorer(config, context);
    case 'all': {
      const parts = await Promise.all(config.scorers.map(async (sub) => ({ label: sub.kind, scorer: await createScorer(sub, context) })));
      return allScorer(parts);
    }
  }
}
