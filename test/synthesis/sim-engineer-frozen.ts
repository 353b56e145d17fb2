import { createHash } from 'node:crypto';
import { agentSchema } from '../../src/config/index.js';
import { gitTreeHash, type Blueprint, type BlueprintFile } from '../../src/agent/index.js';
import type { SimChatRequest } from '../../src/llm/sim/types.js';
import { simulatedEngineer } from '../../src/llm/sim/world/engineer.js';
import { engineerMessages, releaseCandidateFormat } from '../../src/synthesis/index.js';
import { world } from '../llm/world-fixtures.js';

/**
 * A fixed set of engineer requests without any refusal history (first attempts and retries of
 * malformed replies, many seeds, targets, tools, tags and prompts) and the sha256 of the
 * simulated engineer's reply to each. The golden file was written by the engineer as it was
 * before it learnt to read refusal histories (commit fcbf648), so the test that compares
 * proves a request without history gets the very same reply as before.
 */

const PROMPTS = ['You are a weather agent.\n', 'You are a weather agent.\nCall lookup_city before get_weather.\n', 'No final newline', ''];
const SPECS = [
  'Target: missing-required-step\nTriggering tool: lookup_city',
  'Target: invalid-tool-arguments\nTriggering tool: get_weather\nMentioned tool: get_weather',
  'Target: wrong-tool, missing-required-step\nTriggering tag: no-lookup',
  'Target: refusal',
  'Target: (none)',
  '**Target:** `missing-required-step`\nMentioned tool: lookup_city',
];

function blueprint(prompt: string): Blueprint {
  const config = agentSchema.parse({ name: 'weather-bot', kind: 'prompt', system: 'prompts/system.md', editable: ['prompts/**'] });
  const files: BlueprintFile[] = [
    { path: 'agent.yaml', content: Buffer.from('name: weather-bot\nkind: prompt\nsystem: prompts/system.md\n'), executable: false },
    { path: 'prompts/system.md', content: Buffer.from(prompt), executable: false },
  ];
  return { name: config.name, dir: '/nowhere', config, files, hash: gitTreeHash(files) };
}

export interface FrozenCase {
  name: string;
  request: SimChatRequest;
}

export function frozenCases(): FrozenCase[] {
  const cases: FrozenCase[] = [];
  PROMPTS.forEach((prompt, p) => {
    const bp = blueprint(prompt);
    SPECS.forEach((specLines, s) => {
      const spec = `# Engineering specification\n\n${specLines}\n\n## Evidence\n\nExamples expected to flip: paris, oslo-celsius, by-id.\n`;
      const messages = engineerMessages({ blueprint: bp, editable: bp.files.filter((f) => f.path.startsWith('prompts/')), spec, exemplars: [] }) as SimChatRequest['messages'];
      for (let seed = 0; seed < 6; seed += 1) {
        const base = { model: 'sim', seed, response_format: releaseCandidateFormat as SimChatRequest['response_format'] };
        cases.push({ name: `p${p} s${s} seed${seed} first`, request: { ...base, messages } });
        const retry = [...messages, { role: 'assistant', content: '{"patch":"x"}' }, { role: 'user', content: 'Your change was refused (EPATCH malformed): the patch does not parse.' }];
        cases.push({ name: `p${p} s${s} seed${seed} retry`, request: { ...base, messages: retry } });
      }
    });
  });
  return cases;
}

/** The replies' hashes, under a world with every engineer draw in play. */
export function frozenReplies(): Record<string, string> {
  const engineer = simulatedEngineer(world({ broadRate: 0.5, malformedRate: 0.5 }));
  return Object.fromEntries(frozenCases().map((c) => [c.name, createHash('sha256').update(JSON.stringify(engineer(c.request))).digest('hex')]));
}
