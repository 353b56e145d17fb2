/** Tokens per cached block (vLLM's default block size). */
export const BLOCK_TOKENS = 16;
/** Characters per token, as the simulated server counts them (tokens.ts). */
const CHARS_PER_TOKEN = 4;
const BLOCK_CHARS = BLOCK_TOKENS * CHARS_PER_TOKEN;

/**
 * The key-value cache of prompt prefixes, shared by every slot (as vLLM's automatic prefix
 * caching and SGLang's RadixAttention share theirs; llama.cpp keeps one per slot). A prompt is
 * cut into blocks of 16 tokens (64 characters of its serialised text); each full block is keyed
 * by a hash chained over every block before it, so a block hits only when the whole prefix up to
 * it is the same. Least recently used blocks are evicted beyond `capacityTokens`.
 */
export class PrefixCache {
  private readonly blocks = new Map<string, true>();
  private readonly capacityBlocks: number;

  constructor(capacityTokens: number) {
    this.capacityBlocks = Math.max(1, Math.floor(capacityTokens / BLOCK_TOKENS));
  }

  /** Keys of the prompt's full blocks, in order. */
  static keys(text: string): string[] {
    const keys: string[] = [];
    let a = 0x811c9dc5;
    let b = 0x27d4eb2f;
    const full = Math.floor(text.length / BLOCK_CHARS) * BLOCK_CHARS;
    for (let i = 0; i < full; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      if ((i + 1) % BLOCK_CHARS === 0) keys.push(`${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`);
    }
    return keys;
  }

  /** How many leading tokens of the prompt are cached (whole blocks); touches the blocks it hits. */
  cachedTokens(keys: readonly string[]): number {
    let hit = 0;
    for (const key of keys) {
      if (!this.blocks.has(key)) break;
      this.blocks.delete(key);
      this.blocks.set(key, true);
      hit++;
    }
    return hit * BLOCK_TOKENS;
  }

  /** Keeps the blocks (computed by a prefill or a decode), evicting the least recently used. */
  insert(keys: readonly string[]): void {
    for (const key of keys) {
      this.blocks.delete(key);
      this.blocks.set(key, true);
    }
    while (this.blocks.size > this.capacityBlocks) {
      const oldest = this.blocks.keys().next().value as string;
      this.blocks.delete(oldest);
    }
  }

  get sizeTokens(): number {
    return this.blocks.size * BLOCK_TOKENS;
  }
}
