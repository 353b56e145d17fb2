import { describe, expect, it } from 'vitest';
import { exactScorerSchema, regexScorerSchema } from '../../src/config/index.js';
import { createScorer } from '../../src/scoring/index.js';
import { example } from './example.js';

const exact = (config: Record<string, unknown> = {}) => createScorer(exactScorerSchema.parse({ kind: 'exact', ...config }), { suiteDir: '.' });
const regex = (config: Record<string, unknown> = {}) => createScorer(regexScorerSchema.parse({ kind: 'regex', ...config }), { suiteDir: '.' });
const score = async (scorer: ReturnType<typeof exact>, expected: unknown, output: unknown) => (await scorer).score({ example: example({ expected }), output, trace: [] });

describe('exact scorer', () => {
  it('passes on the same text, trimmed and with whitespace collapsed by default', async () => {
    expect(await score(exact(), 'ship  date', { answer: '  ship date\n' })).toEqual({ pass: true, score: 1, feedback: 'answer matches the expected "ship  date"' });
  });

  it('fails with what was expected, what came, and where they first differ', async () => {
    const result = await score(exact(), 'Refund approved', { answer: 'refund approved' });
    expect(result.pass).toBe(false);
    expect(result.score).toBe(0);
    expect(result.feedback).toBe('answer does not match: expected "Refund approved", got "refund approved"; after normalisation they first differ at character 0: expected "Refund approved", got "refund approved"');
  });

  it('applies the normalisation options', async () => {
    const loose = exact({ normalize: { caseInsensitive: true, stripPunctuation: true } });
    expect((await score(loose, 'Refund approved.', { answer: 'REFUND, approved!' })).pass).toBe(true);
    const strict = exact({ normalize: { trim: false, collapseWhitespace: false } });
    expect((await score(strict, 'a b', { answer: 'a  b' })).pass).toBe(false);
  });

  it('accepts any of a list of answers, numbers as text, a plain string output and another field', async () => {
    expect((await score(exact(), ['yes', 'y'], { answer: 'y' })).pass).toBe(true);
    expect((await score(exact(), 42, { answer: '42' })).pass).toBe(true);
    expect((await score(exact(), 'ok', 'ok')).pass).toBe(true);
    expect((await score(exact({ field: 'result.code' }), 'A1', { result: { code: 'A1' } })).pass).toBe(true);
  });

  it('reads its part of a structured expected value', async () => {
    expect((await score(exact({ expectedField: 'answer' }), { answer: 'done', calls: [] }, { answer: 'done' })).pass).toBe(true);
  });

  it('a missing answer fails saying so; a bad expected is caught by check()', async () => {
    expect(await score(exact(), 'x', { toolCalls: [] })).toMatchObject({ pass: false, feedback: 'no answer in the output; expected "x"' });
    expect((await exact()).check?.(example({ expected: { a: 1 } }))).toBe('expected must be a text (or a list of acceptable texts) for the exact scorer');
    expect((await exact()).check?.(example({ expected: 'fine' }))).toBeUndefined();
  });
});

describe('regex scorer', () => {
  it('takes the pattern from the config, or from each example', async () => {
    expect((await score(regex({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), undefined, { answer: '2025-06-02' })).pass).toBe(true);
    expect((await score(regex(), 'KL-\\d+', { answer: 'order KL-100 shipped' })).pass).toBe(true);
  });

  it('fails naming the pattern that did not match and the text', async () => {
    expect(await score(regex({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), undefined, { answer: 'June 2nd' })).toEqual({
      pass: false,
      score: 0,
      feedback: 'answer "June 2nd": it does not match /^\\d{4}-\\d{2}-\\d{2}$/',
    });
  });

  it('match and forbid lists: every required pattern, none of the forbidden, partial score', async () => {
    const scorer = regex({ flags: 'i' });
    const expected = { match: ['2025-06-04', 'KL-10'], forbid: ['full refund'] };
    expect((await score(scorer, expected, { answer: 'KL-10 arrives 2025-06-04.' })).pass).toBe(true);
    const result = await score(scorer, expected, { answer: 'kl-10: we will give a Full Refund' });
    expect(result.pass).toBe(false);
    expect(result.score).toBeCloseTo(1 / 3);
    expect(result.feedback).toBe('answer "kl-10: we will give a Full Refund": it does not match /2025-06-04/i; it contains what is not allowed: /full refund/i matched "Full Refund"');
  });

  it('a list of patterns must all match', async () => {
    expect((await score(regex(), ['a', 'b'], { answer: 'ab' })).pass).toBe(true);
    expect((await score(regex(), ['a', 'c'], { answer: 'ab' })).pass).toBe(false);
  });

  it('invalid patterns and shapes are reported by check() and fail when scored', async () => {
    const scorer = await regex();
    expect(scorer.check?.(example({ expected: '(' }))).toMatch(/^expected: invalid pattern: /);
    expect(scorer.check?.(example({ expected: { match: 'a', also: 'b' } }))).toBe('expected: unknown key also (expected match and/or forbid)');
    expect(scorer.check?.(example({ expected: 3 }))).toBe('expected: expected a pattern, a list of patterns, or { match, forbid }');
    // The suite's fault, not the agent's: thrown as ESCORER, which the run records as `error`.
    await expect(score(regex(), '(', { answer: 'x' })).rejects.toMatchObject({ code: 'ESCORER', message: expect.stringMatching(/^cannot score: expected: invalid pattern/) });
  });
});
