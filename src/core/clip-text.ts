/** The text, or its first `limit` characters with a note of how many more there were. */
export function clipText(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… [${text.length - limit} more characters]` : text;
}
