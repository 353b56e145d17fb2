/**
 * What kind of final answer an example expects, read from its annotated answer: code (a code
 * suite: the answer is a program), JSON (structured output), or plain text. The world input
 * carries no scorer, so the answer's own shape decides; the failure modes then damage it in a
 * way that kind of answer can show (a stub body for code, a fence around JSON, and so on).
 */
export type AnswerKind = 'text' | 'code' | 'json';

const CODE_WORDS = /\bfunction\s*[\w$]*\s*\(|=>|\breturn\b[^\n]*;|\b(?:const|let|var)\s+[\w$]+\s*=|\bclass\s+[\w$]+\s*\{/;
const CODE_PUNCTUATION = /[{};]/;

export function answerKindOf(answer: string | undefined): AnswerKind {
  if (answer === undefined) return 'text';
  const trimmed = answer.trim();
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && isJson(trimmed)) return 'json';
  if (CODE_WORDS.test(trimmed)) return 'code';
  if (trimmed.includes('\n') && CODE_PUNCTUATION.test(trimmed)) return 'code';
  return 'text';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
