import type { z } from 'zod';
import type { criticScorerSchema } from '../config/index.js';
import type { Symptom } from '../core/critique.js';
import { fail } from '../core/errors.js';
import { failed, passed } from './result.js';
import type { Scorer, ScorerContext } from './types.js';

type CriticConfig = z.infer<typeof criticScorerSchema>;

/**
 * The blind critic's verdict against a rubric (the scorer's own, else the example's, else the
 * suite's): pass unless it says fail. A critic that gives no readable verdict after its
 * retries is an infrastructure error of the record, never a guessed pass or fail.
 */
export function criticScorer(config: CriticConfig, context: ScorerContext): Scorer {
  const judge = context.critic;
  if (!judge) {
    return fail('ESCORER', 'the "critic" scorer needs the critic model, and none was given to it', {
      details: 'The run stage gives it the critic role of agentdevel.yaml (endpoints.critic). Code that creates scorers itself must pass `critic` in the scorer context (criticJudge from src/critic).',
    });
  }
  return {
    async score({ example, output, trace, signal }) {
      const rubric = config.rubric ?? example.rubric ?? context.rubric;
      const judgement = await judge({ example, output, trace, rubric, ...(signal ? { signal } : {}) });
      if (judgement.verdict === 'unlabelled') {
        return fail('ECRITIC_REPLY', `the critic gave no usable verdict on example "${example.id}": ${judgement.error ?? 'no reason given'}`);
      }
      const lines = [`the critic's verdict: ${judgement.verdict}`, ...judgement.symptoms.map(describe)];
      return judgement.verdict === 'fail' ? failed(lines.join('\n')) : passed(lines.join('\n'));
    },
  };
}

function describe(symptom: Symptom): string {
  const label = symptom.proposed === undefined ? symptom.label : `${symptom.label} (${symptom.proposed})`;
  const step = symptom.step === null ? '' : ` at step ${symptom.step}`;
  return `${label}${step}: ${symptom.description}${symptom.evidence ? ` — ${JSON.stringify(symptom.evidence)}` : ''}`;
}
