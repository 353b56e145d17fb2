import type { CatalogueExample } from './catalogue.js';
import { BoundedMemo } from './memo.js';

/**
 * Finds the example a conversation is about from its user messages: the example whose task
 * text equals a trimmed message, else the one with the longest task text contained in it
 * (command agents wrap the task in their own words).
 *
 * The exact case is one map lookup. The contained case must not cost the number of examples
 * either: each task text is indexed under one of its WINDOW-character slices (an anchor),
 * and the message is scanned window by window, each window looked up among the anchors. Task
 * texts often share their openings and endings ("Find the weather for customer …"), so the
 * anchor is the rarest of a few slices spread over the text, which keeps the candidates per
 * window few. Answers are remembered, since every turn of an episode asks again.
 */
const WINDOW = 16;
/** Slices of a text considered as its anchor. */
const ANCHOR_CANDIDATES = 16;

interface Anchored {
  example: CatalogueExample;
  /** Where in the task text the anchor starts. */
  offset: number;
}

export class ExampleLocator {
  private readonly exact = new Map<string, CatalogueExample>();
  /** Anchors by the rolling hash of their slice (a number key: no string is made per window). */
  private readonly byAnchor = new Map<number, Anchored[]>();
  /** Task texts shorter than WINDOW, longest first (searched one by one). */
  private readonly short: CatalogueExample[] = [];
  private readonly contained = new BoundedMemo<string, CatalogueExample | null>(4096);

  constructor(examples: readonly CatalogueExample[]) {
    const long: CatalogueExample[] = [];
    for (const example of examples) {
      const text = example.taskText;
      if (text === '' || this.exact.has(text)) continue; // the first example with a text wins
      this.exact.set(text, example);
      if (text.length < WINDOW) this.short.push(example);
      else long.push(example);
    }
    this.short.sort((a, b) => b.taskText.length - a.taskText.length);
    this.indexAnchors(long);
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

  private indexAnchors(examples: readonly CatalogueExample[]): void {
    const counts = new Map<string, number>();
    const slices = examples.map((example) => anchorCandidates(example.taskText));
    for (const candidates of slices) {
      for (const slice of new Set(candidates.map((c) => c.slice))) counts.set(slice, (counts.get(slice) ?? 0) + 1);
    }
    examples.forEach((example, i) => {
      let best = slices[i]![0]!;
      for (const candidate of slices[i]!) if (counts.get(candidate.slice)! < counts.get(best.slice)!) best = candidate;
      const key = windowHash(best.slice, 0);
      const bucket = this.byAnchor.get(key);
      const entry = { example, offset: best.offset };
      if (bucket) bucket.push(entry);
      else this.byAnchor.set(key, [entry]);
    });
  }

  private longestContained(message: string): CatalogueExample | undefined {
    let best: CatalogueExample | undefined;
    let hash = message.length >= WINDOW ? windowHash(message, 0) : 0;
    for (let at = 0; at + WINDOW <= message.length; at += 1) {
      if (at > 0) hash = rollHash(hash, message.charCodeAt(at - 1), message.charCodeAt(at + WINDOW - 1));
      const bucket = this.byAnchor.get(hash);
      if (!bucket) continue;
      for (const { example, offset } of bucket) {
        const start = at - offset;
        if (start < 0 || (best && example.taskText.length <= best.taskText.length)) continue;
        if (message.startsWith(example.taskText, start)) best = example;
      }
    }
    if (best) return best;
    return this.short.find((example) => message.includes(example.taskText));
  }
}

/** Up to ANCHOR_CANDIDATES slices of WINDOW characters, spread evenly from the start to the end of the text. */
function anchorCandidates(text: string): Array<{ slice: string; offset: number }> {
  const last = text.length - WINDOW;
  const steps = Math.min(ANCHOR_CANDIDATES - 1, last);
  const offsets = new Set<number>();
  for (let k = 0; k <= steps; k += 1) offsets.add(steps === 0 ? 0 : Math.round((k * last) / steps));
  return [...offsets].map((offset) => ({ slice: text.slice(offset, offset + WINDOW), offset }));
}

/** Polynomial hash of text[from, from + WINDOW), modulo 2^32. */
const BASE = 0x01000193;
/** BASE^(WINDOW - 1) modulo 2^32: the weight of a window's first character. */
const LEAD = Array.from({ length: WINDOW - 1 }).reduce<number>((power) => Math.imul(power, BASE), 1);

function windowHash(text: string, from: number): number {
  let hash = 0;
  for (let i = from; i < from + WINDOW; i += 1) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

/** The hash of the window one character further on: drop `out`, take in `next`. */
function rollHash(hash: number, out: number, next: number): number {
  return (Math.imul((hash - Math.imul(out, LEAD)) | 0, BASE) + next) | 0;
}
