/** Longest text of one field of the blind view; a critic's context is finite and a trace may not be. */
export const FIELD_LIMIT = 4_000;

/** The text, or its start with a note of how long it was. */
export function clip(text: string, limit = FIELD_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit)}… [${text.length - limit} more characters]` : text;
}
