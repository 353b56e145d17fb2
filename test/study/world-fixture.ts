import { exampleSchema, simSuiteSchema, simWorldSchema, type Example } from '../../src/config/index.js';
import type { Split } from '../../src/core/records.js';
import { createWorld, type World } from '../../src/llm/sim/world/index.js';
import { TruthTable, type TruthVersion } from '../../src/study/index.js';

/**
 * A tiny hand-made world whose ground truth is known by heart: a support desk with two needs.
 * - lookup (skip-tool): its precise rule "Always look the order up first." fixes o1, o2, o3; its
 *   broad rule "Call lookup in every conversation." fixes them too but breaks every example
 *   tagged `chat` (c1 on dev, c2 on holdout);
 * - dates (bad-format): d1 needs "Write dates as YYYY-MM-DD."; no candidate below carries it.
 * p1 needs nothing. Splits are chosen, not hashed: dev o1 o2 o3 d1 c1, holdout c2 p1.
 * Without noise (flaky share and re-roll rate 0) the unchanged agent passes c1, c2, p1 only.
 */
const SPLITS: Record<string, Split> = { o1: 'dev', o2: 'dev', o3: 'dev', d1: 'dev', c1: 'dev', c2: 'holdout', p1: 'holdout' };

export const deskSuite = {
  name: 'desk',
  sim: simSuiteSchema.parse({
    needs: {
      lookup: {
        mode: 'skip-tool',
        tool: 'lookup',
        rule: 'Always look the order up first.',
        keywords: ['look the order up'],
        broad: { rule: 'Call lookup in every conversation.', keywords: ['every conversation'], breaks: ['chat'], mode: 'wrong-tool' },
      },
      dates: { mode: 'bad-format', rule: 'Write dates as YYYY-MM-DD.', keywords: ['yyyy-mm-dd'] },
    },
  }),
  examples: [
    example('o1', 'Where is order 1?', { needs: ['lookup'] }),
    example('o2', 'Where is order 2?', { needs: ['lookup'] }),
    example('o3', 'Where is order 3?', { needs: ['lookup'] }),
    example('d1', 'When will order 4 arrive?', { needs: ['dates'] }),
    example('c1', 'Hello there!', {}, ['chat']),
    example('c2', 'Thanks, bye!', {}, ['chat']),
    example('p1', 'What are your opening hours?', {}),
  ],
};

function example(id: string, input: string, sim: Record<string, unknown>, tags: string[] = []): Example {
  return exampleSchema.parse({ id, input, tags, sim: { answer: 'ok', ...sim } });
}

export const BASE = 'You are the support desk of a small shop.';
export const versions = {
  v0: { hash: 'v0', system: BASE },
  precise: { hash: 'precise', system: `${BASE}\nAlways look the order up first.` },
  broad: { hash: 'broad', system: `${BASE}\nCall lookup in every conversation.` },
  harmless: { hash: 'harmless', system: `${BASE}\nRead each request carefully before acting on it.` },
} satisfies Record<string, TruthVersion>;

export function deskWorld(noise: { flakyShare?: number; rerollRate?: number } = {}): World {
  return createWorld({ config: simWorldSchema.parse({ flakyShare: 0, rerollRate: 0, ...noise }), suites: [deskSuite] });
}

export function deskTruth(world: World = deskWorld()): TruthTable {
  const examples = deskSuite.examples.map((e) => ({ key: `desk/${e.id}`, suite: 'desk', id: e.id, split: SPLITS[e.id]!, example: { ...e, suite: 'desk', split: SPLITS[e.id]! } }));
  return new TruthTable(world, examples);
}
