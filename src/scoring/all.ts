import type { Scorer } from './types.js';

/** Every sub-scorer must pass; the score is their mean and the feedback is theirs, labelled. */
export function allScorer(parts: Array<{ label: string; scorer: Scorer }>): Scorer {
  return {
    check(example) {
      const problems = parts.map(({ label, scorer }) => {
        const problem = scorer.check?.(example);
        return problem ? `[${label}] ${problem}` : undefined;
      });
      return problems.filter(Boolean).join('; ') || undefined;
    },
    async score(input) {
      const results = await Promise.all(parts.map(({ scorer }) => scorer.score(input)));
      return {
        pass: results.every((r) => r.pass),
        score: results.reduce((sum, r) => sum + r.score, 0) / results.length,
        feedback: results.map((r, i) => `[${parts[i]!.label}: ${r.pass ? 'pass' : 'fail'}] ${r.feedback}`).join('\n'),
      };
    },
  };
}
