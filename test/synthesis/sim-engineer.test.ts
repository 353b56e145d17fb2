import { describe, expect, it } from 'vitest';
import { agentSchema, exampleSchema, simSuiteSchema } from '../../src/config/index.js';
import { gitTreeHash, type Blueprint, type BlueprintFile } from '../../src/agent/index.js';
import type { SimChatRequest } from '../../src/llm/sim/types.js';
import { simulatedEngineer } from '../../src/llm/sim/world/engineer.js';
import { engineerMessages, readEngineerReply, releaseCandidateFormat, validatePatch, type EngineerReply } from '../../src/synthesis/index.js';
import { world } from '../llm/world-fixtures.js';

const LOOKUP = 'Call lookup_city before get_weather.';
const BROAD = 'Always call lookup_city first, for every request.';
const BASE_PROMPT = 'You are a weather agent.\n';

function weatherBlueprint(prompt = BASE_PROMPT): Blueprint {
  const config = agentSchema.parse({ name: 'weather-bot', kind: 'prompt', system: 'prompts/system.md', editable: ['prompts/**'] });
  const files: BlueprintFile[] = [
    { path: 'agent.yaml', content: Buffer.from('name: weather-bot\nkind: prompt\nsystem: prompts/system.md\n'), executable: false },
    { path: 'prompts/system.md', content: Buffer.from(prompt), executable: false },
  ];
  return { name: config.name, dir: '/nowhere', config, files, hash: gitTreeHash(files) };
}

const spec = (lines: string) => `# Engineering specification\n\n${lines}\n\n## Evidence\n\nExamples expected to flip: paris, oslo-celsius.\n`;

function request(blueprint: Blueprint, specText: string, seed = 0, extra: SimChatRequest['messages'] = []): SimChatRequest {
  const messages = engineerMessages({ blueprint, editable: blueprint.files.filter((f) => f.path.startsWith('prompts/')), spec: specText, exemplars: [] });
  return { model: 'sim', seed, messages: [...(messages as SimChatRequest['messages']), ...extra], response_format: releaseCandidateFormat as SimChatRequest['response_format'] };
}

function replyOf(content: string | null): EngineerReply {
  const read = readEngineerReply(content);
  if (!read.ok) throw new Error(read.message);
  return read.reply;
}

function patched(blueprint: Blueprint, patch: string): string {
  const verdict = validatePatch(patch, { agentName: blueprint.name, files: blueprint.files, editable: blueprint.config.editable, maxPatchBytes: 65536 });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.message}`);
  return verdict.tree.find((f) => f.path === 'prompts/system.md')!.content.toString('utf8');
}

describe('the simulated engineer', () => {
  it('adds the rule of the need the target label names, and the world truly fixes the examples', () => {
    const w = world({ broadRate: 0, malformedRate: 0 });
    const blueprint = weatherBlueprint();
    const reply = replyOf(simulatedEngineer(w)(request(blueprint, spec('Target: missing-required-step\nTriggering tool: lookup_city'))).content);
    expect(reply.intent).toEqual({ targets: ['missing-required-step'], summary: expect.stringContaining(LOOKUP), expectedFixes: ['paris', 'oslo-celsius'] });
    const prompt = patched(blueprint, reply.patch);
    expect(prompt).toBe(`${BASE_PROMPT}${LOOKUP}\n`);
    expect(w.truth('weather', 'paris', BASE_PROMPT).passProbability).toBe(0);
    expect(w.truth('weather', 'paris', prompt).passProbability).toBe(1);
    expect(w.rulesIn(prompt)).toEqual([{ suite: 'weather', need: 'lookup-first', variant: 'precise' }]);
  });

  it('skips a need whose rule the prompt already carries and takes the next one of the label', () => {
    const w = world({ broadRate: 0, malformedRate: 0 });
    const blueprint = weatherBlueprint(`${BASE_PROMPT}${LOOKUP}\n`);
    const reply = replyOf(simulatedEngineer(w)(request(blueprint, spec('Target: invalid-tool-arguments'))).content);
    const prompt = patched(blueprint, reply.patch);
    expect(w.rulesIn(prompt).map((r) => r.need)).toEqual(['lookup-first', 'celsius']);
    expect(w.truth('weather', 'oslo-celsius', prompt).passProbability).toBe(1);
  });

  it('writes the over-broad rule at broadRate, which breaks the examples carrying its tags', () => {
    const w = world({ broadRate: 1, malformedRate: 0 });
    const blueprint = weatherBlueprint();
    const prompt = patched(blueprint, replyOf(simulatedEngineer(w)(request(blueprint, spec('Target: missing-required-step'))).content).patch);
    expect(prompt).toContain(BROAD);
    expect(w.truth('weather', 'paris', prompt).passProbability).toBe(1);
    expect(w.truth('weather', 'by-id', BASE_PROMPT).passProbability).toBe(1);
    expect(w.truth('weather', 'by-id', prompt)).toMatchObject({ passProbability: 0, breakers: ['lookup-first'] });
  });

  it('draws broad and malformed per request seed, at about their rates', () => {
    const w = world({ broadRate: 0.3, malformedRate: 0.5 });
    const blueprint = weatherBlueprint();
    let broad = 0;
    let malformed = 0;
    const n = 400;
    for (let seed = 0; seed < n; seed += 1) {
      const reply = replyOf(simulatedEngineer(w)(request(blueprint, spec('Target: missing-required-step'), seed)).content);
      const verdict = validatePatch(reply.patch, { agentName: blueprint.name, files: blueprint.files, editable: ['prompts/**'], maxPatchBytes: 65536 });
      if (!verdict.ok) malformed += 1;
      else if (reply.patch.includes(BROAD)) broad += 1;
    }
    expect(malformed / n).toBeGreaterThan(0.4);
    expect(malformed / n).toBeLessThan(0.6);
    expect(broad / (n - malformed)).toBeGreaterThan(0.2);
    expect(broad / (n - malformed)).toBeLessThan(0.4);
  });

  it('makes a malformed first attempt at malformedRate, and a correct one once the request carries the error', () => {
    const w = world({ broadRate: 0, malformedRate: 1 });
    const blueprint = weatherBlueprint();
    const target = { agentName: blueprint.name, files: blueprint.files, editable: ['prompts/**'], maxPatchBytes: 65536 };
    const reasons = new Set<string>();
    for (let seed = 0; seed < 20; seed += 1) {
      const first = simulatedEngineer(w)(request(blueprint, spec('Target: missing-required-step'), seed));
      const verdict = validatePatch(replyOf(first.content).patch, target);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) reasons.add(verdict.reason);
      const retry = request(blueprint, spec('Target: missing-required-step'), seed, [
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'Your change was refused (EPATCH malformed): ...' },
      ]);
      expect(patched(blueprint, replyOf(simulatedEngineer(w)(retry).content).patch)).toContain(LOOKUP);
    }
    expect([...reasons].sort()).toEqual(['malformed', 'path-escape']);
  });

  it('proposes a harmless generic sentence when no need matches, which changes no rule', () => {
    const w = world({ broadRate: 0, malformedRate: 0 });
    const blueprint = weatherBlueprint();
    const reply = replyOf(simulatedEngineer(w)(request(blueprint, spec('Target: refusal'))).content);
    const prompt = patched(blueprint, reply.patch);
    expect(prompt).not.toBe(BASE_PROMPT);
    expect(w.rulesIn(prompt)).toEqual([]);
    expect(reply.intent).toMatchObject({ targets: ['refusal'], expectedFixes: [] });
  });

  it('prefers the need of the triggering tag', () => {
    const suite = {
      name: 'tags',
      sim: simSuiteSchema.parse({ needs: { first: { mode: 'bad-format', rule: 'Answer in JSON.' }, second: { mode: 'bad-format', rule: 'Answer in YAML.' } } }),
      examples: [
        exampleSchema.parse({ id: 't1', input: 'Task one', tags: ['json'], sim: { needs: ['first'], answer: 'a' } }),
        exampleSchema.parse({ id: 't2', input: 'Task two', tags: ['yaml'], sim: { needs: ['second'], answer: 'b' } }),
      ],
    };
    const w = world({ broadRate: 0, malformedRate: 0 }, [suite]);
    const reply = replyOf(simulatedEngineer(w)(request(weatherBlueprint(), '**Target:** `incorrect-output-format`\nTriggering tag: yaml\n')).content);
    expect(reply.patch).toContain('+Answer in YAML.');
  });
  it('prefers the need of the tool the critic mentions (a skipped step never shows as a call)', () => {
    const suite = {
      name: 'tools',
      sim: simSuiteSchema.parse({ needs: { a: { mode: 'skip-tool', tool: 'a_tool', rule: 'Call a_tool first.' }, b: { mode: 'skip-tool', tool: 'b_tool', rule: 'Call b_tool first.' } } }),
      examples: [exampleSchema.parse({ id: 'x1', input: 'Task x', sim: { needs: ['a', 'b'], answer: 'x' } })],
    };
    const w = world({ broadRate: 0, malformedRate: 0 }, [suite]);
    const text = 'Target: missing-required-step\nTriggering tool: (none)\nMentioned tool: b_tool\n';
    expect(replyOf(simulatedEngineer(w)(request(weatherBlueprint(), text)).content).patch).toContain('+Call b_tool first.');
  });

  it('reads back files exactly, whatever fences, missing final newlines or emptiness they hold', () => {
    const w = world({ broadRate: 0, malformedRate: 0 });
    for (const prompt of ['Use ```js fences``` and ```` four.\n', 'No final newline', '']) {
      const blueprint = weatherBlueprint(prompt);
      const reply = replyOf(simulatedEngineer(w)(request(blueprint, spec('Target: missing-required-step'))).content);
      expect(patched(blueprint, reply.patch)).toBe(`${prompt}${prompt === '' || prompt.endsWith('\n') ? '' : '\n'}${LOOKUP}\n`);
    }
  });
});
