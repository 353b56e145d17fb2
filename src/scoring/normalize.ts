export interface NormalizeOptions {
  trim: boolean;
  caseInsensitive: boolean;
  collapseWhitespace: boolean;
  stripPunctuation: boolean;
}

/** Applies the exact scorer's normalisation options, in a fixed order. */
export function normalizeText(text: string, options: NormalizeOptions): string {
  let out = text.normalize('NFC');
  if (options.stripPunctuation) out = out.replace(/[\p{P}\p{S}]/gu, '');
  if (options.collapseWhitespace) out = out.replace(/\s+/gu, ' ');
  if (options.trim) out = out.trim();
  if (options.caseInsensitive) out = out.toLocaleLowerCase('en-US');
  return out;
}

/** Where two texts first differ, for feedback: the index and a short excerpt of each. */
export function firstDifference(a: string, b: string): { index: number; expected: string; got: string } | undefined {
  if (a === b) return undefined;
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  const excerpt = (s: string) => JSON.stringify(s.slice(Math.max(0, index - 10), index + 20));
  return { index, expected: excerpt(a), got: excerpt(b) };
}
