import type { CatalogueExample } from './catalogue.js';
import type { EpisodePlan, FailureContext } from './plan.js';
import { phrases } from './phrases.js';
import { badFormat, ownWayAnswer, stubCode, wrongAnswer } from './variants.js';

/**
 * Failing episodes of an example answered without tool calls (code suites, questions). Modes
 * about calls that such an episode cannot show (skip-tool, wrong-order, bad-args) fall back to
 * a wrong answer, which is what they amount to here.
 */
export function answerOnlyPlan(example: CatalogueExample, failure: FailureContext): EpisodePlan {
  const kind = example.answerKind;
  const failAnswer = wrongAnswer(example.answer, example.wrong, kind);
  const answer = (mode: EpisodePlan['mode'], text: string, finishReason: EpisodePlan['finishReason'] = 'stop'): EpisodePlan => ({
    mode,
    calls: [],
    loop: undefined,
    answer: text,
    finishReason,
  });
  switch (failure.mode) {
    case 'bad-format':
      return answer('bad-format', badFormat(example.answer ?? phrases.done, kind));
    case 'premature-stop':
      return answer('premature-stop', kind === 'code' && example.answer !== undefined ? stubCode(example.answer) : phrases.unfinished);
    case 'loop':
      // Without a tool to repeat, the loop is in the text: one line over and over until the length limit.
      return answer('loop', Array.from({ length: phrases.loopRepeats }, () => phrases.loopLine).join('\n'), 'length');
    case 'ignore-instruction':
      return answer('ignore-instruction', ownWayAnswer(failAnswer, kind));
    case 'refuse':
      return answer('refuse', phrases.refusal);
    case 'wrong-tool': {
      // An unnecessary call: the need's tool when offered, else the first tool offered.
      const tool = failure.offered.find((name) => name === failure.tool) ?? failure.offered[0];
      if (tool !== undefined) return { mode: 'wrong-tool', calls: [{ name: tool, arguments: '{}' }], loop: undefined, answer: failAnswer, finishReason: 'stop' };
      return answer('hallucinate', failAnswer);
    }
    case 'skip-tool':
    case 'wrong-order':
    case 'bad-args':
    case 'hallucinate':
      return answer('hallucinate', failAnswer);
  }
}
