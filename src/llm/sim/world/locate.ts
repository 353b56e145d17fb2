import type { CatalogueExample } from './catalogue.js';
import { BoundedMemo } from './memo.js';

/**
 * Finds the example a conversation is about from its user message: the example whose task
 * text equals the trimmed message, else the one with the longest task text contained in it
 * (command agents wrap the task in their own words). The exact case is one map lookup. The
 * contained case slides a window over the message and looks each window up among the task
 * texts' first characters, so it costs the message's length, not the number of examples; its
 * answers are remembered, since every turn of an episode asks again.
 */
const WINDOW = 16;

export class ExampleLocator {
  private readonly exact = new Map<string, CatalogueExample>();
  /** Task texts of at least WINDOW characters, by their first WINDOW characters. */
  private readonly byPrefix = new Map<string, CatalogueExample[]>();
  /** Task texts shorter than WINDOW, longest first (searched one by one). */
  private readonly short: CatalogueExample[] = [];
  private readonly contained = new BoundedMemo<string, CatalogueExample | null>(4096);

  constructor(examples: readonly CatalogueExample[]) {
    for (const example of examples) {
      const text = example.taskText;
      if (text === '' || this.exact.has(text)) continue; // the first example with a text wins
      this.exact.set(text, example);
      if (text.length < WINDOW) {
        this.short.push(example);
      } else {
        const key = text.slice(0, WINDOW);
        const bucket = this.byPrefix.get(key);
        if (bucket) bucket.push(example);
        else this.byPrefix.set(key, [example]);
      }
    }
    this.short.sort((a, b) => b.taskText.length - a.taskText.length);
  }

  /**
   * The example of a conversation, from its user messages: the first one whose text is a task
   * text exactly, else the first one that contains one. Returns the example and which of the
   * messages named it (the agent's turns are counted from there).
   */
  locate(users: ReadonlyArray<{ text: string; at: number }>): { example: CatalogueExample; at: number } | undefined {
    for (const user of users) {
      const example = this.exact.get(user.text.trim());
      if (example) return { example, at: user.at };
    }
    for (const user of users) {
      const example = this.find(user.text);
      if (example) return { example, at: user.at };
    }
    return undefined;
  }

  find(message: string): CatalogueExample | undefined {
    const trimmed = message.trim();
    const exact = this.exact.get(trimmed);
    if (exact) return exact;
    if (trimmed === '') return undefined;
    return this.contained.get(trimmed, () => this.longestContained(trimmed) ?? null) ?? undefined;
  }

  private longestContained(message: string): CatalogueExample | undefined {
    let best: CatalogueExample | undefined;
    for (let at = 0; at + WINDOW <= message.length; at += 1) {
      const bucket = this.byPrefix.get(message.slice(at, at + WINDOW));
      if (!bucket) continue;
      for (const example of bucket) {
        const length = example.taskText.length;
        if ((!best || length > best.taskText.length) && message.startsWith(example.taskText, at)) best = example;
      }
    }
    if (best) return best;
    return this.short.find((example) => message.includes(example.taskText));
  }
}
