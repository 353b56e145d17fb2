import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { z } from 'zod';
import type { codeScorerSchema } from '../../config/index.js';
import { readField } from '../field.js';
import { cannotScore, failed, passed } from '../result.js';
import type { Scorer } from '../types.js';
import { codeExpected } from './expected.js';
import { explainRun } from './feedback.js';
import { createLimit } from './limit.js';
import { assemble, extractFenced, hasFence, transpileTypeScript, withEndMarker } from './program.js';
import { runNodeProgram } from './run-node.js';
import { typeCheck } from './typecheck.js';

type CodeConfig = z.infer<typeof codeScorerSchema>;

/**
 * Runs prefix + completion + tests in a child node and passes on exit 0 (in HumanEval-X mode
 * also nothing printed). A completion wrapped in a markdown fence is run as given unless
 * `extractFence` says otherwise: a wrong format is the agent's failure to see, not to hide.
 */
export function codeScorer(config: CodeConfig): Scorer {
  const limit = createLimit(config.concurrency ?? Math.max(1, availableParallelism()));
  const where = `expected${config.expectedField ? `.${config.expectedField}` : ''}`;
  return {
    check(example) {
      const expected = codeExpected(readField(example.expected, config.expectedField));
      return typeof expected === 'string' ? `${where}: ${expected}` : undefined;
    },
    async score({ example, output, signal }) {
      const expected = codeExpected(readField(example.expected, config.expectedField));
      if (typeof expected === 'string') return cannotScore(`${where}: ${expected}`);
      const answer = readField(output, config.field);
      if (typeof answer !== 'string' || answer.trim() === '') return failed(`no code in ${config.field}: the output has ${answer === undefined || answer === null ? 'nothing' : `a ${typeof answer}`} there`);
      const fenced = hasFence(answer);
      const completion = config.extractFence ? extractFenced(answer) : answer;
      let program = assemble({ prefix: expected.prefix, completion, tests: expected.tests });
      const fenceNote = fenced && !config.extractFence ? '\nnote: the answer is wrapped in a markdown code fence (```); it is run as given, so the fence is read as code and breaks the program. Answer with the code only.' : '';
      if (config.language === 'typescript') {
        const typeError = (expected.typecheck ?? config.typecheck) ? await typeCheck(program) : undefined;
        if (typeError !== undefined) return failed(`${typeError}${fenceNote}`);
        const transpiled = await transpileTypeScript(program);
        if ('error' in transpiled) return failed(`${transpiled.error}${fenceNote}`);
        program = transpiled.code;
      }
      const endMarker = `.tests-ran-${randomBytes(8).toString('hex')}`;
      const run = await limit(() => runNodeProgram(withEndMarker(program, endMarker), { ...config, signal, endMarker }));
      // A cancelled run says nothing about the code: let the caller see the abort, not a fail.
      if (run.canceled) throw signal?.reason instanceof Error ? signal.reason : new Error('scoring was cancelled');
      const problem = explainRun(run, config, config.mode === 'humaneval-x');
      if (problem === undefined) return passed('the tests passed');
      return failed(`${problem}${fenceNote}`);
    },
  };
}
