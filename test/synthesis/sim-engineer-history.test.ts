import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { SimChatRequest } from '../../src/llm/sim/types.js';
import { simulatedEngineer } from '../../src/llm/sim/world/engineer.js';
import { HISTORY_HEADING as SIM_HEADING } from '../../src/llm/sim/world/engineer-history.js';
import { diffSummary, engineerMessages, HISTORY_HEADING, readEngineerReply, releaseCandidateFormat, renderRefusalHistory, type EngineerReply, type RefusedCandidate } from '../../src/synthesis/index.js';
import { world } from '../llm/world-fixtures.js';
import { WEATHER_PROMPT, weatherBlueprint } from './fixtures.js';

const BASE = WEATHER_PROMPT;
const LOOKUP = 'Call lookup_city before get_weather.';
const BROAD = 'Always call lookup_city first, for every request.';
const CELSIUS = 'Ask get_weather for Celsius.';
const GENERIC = ['Read each request carefully before acting on it.', 'Check your work once before giving the final answer.', 'Keep every reply focused on the task at hand.'];


/** A specification as the diagnosis writes it: the target, the evidence naming examples, and the ranking of every actionable symptom. */
const SPEC = [
  '# Engineering specification',
  '',
  'Target: missing-required-step',
  'Triggering tool: lookup_city',
  '',
  '| rank | symptom | expected gain | examples | failing records | share of failures |',
  '| --- | --- | --- | --- | --- | --- |',
  '| 1 | missing-required-step | 2 | 2 | 2 | 66.7% |',
  '| 2 | invalid-tool-arguments | 1 | 1 | 1 | 33.3% |',
  '',
  'Examples expected to flip: paris, oslo-celsius.',
  '',
].join('\n');

function refusalOf(rule: string, iteration: number): RefusedCandidate {
  const patch = createTwoFilesPatch('a/prompts/system.md', 'b/prompts/system.md', BASE, `${BASE}${rule}\n`);
  return {
    iteration,
    outcome: 'reject',
    candidateHash: 'c'.repeat(40),
    intent: { targets: ['missing-required-step'], summary: `Add "${rule}".` },
    diff: diffSummary(patch),
    rules: [{ rule: 'max-p2f', detail: '1 confirmed P→F' }],
    // A broken example named in the history is no evidence for the engineer's choice of need.
    regressions: [{ key: 'weather/by-id', task: 'Weather for city id 12, please.', expected: 'Cloudy', baseline: 'Cloudy', candidate: 'Rain' }],
  };
}

function request(refused: RefusedCandidate[], seed = 0, extra: SimChatRequest['messages'] = []): SimChatRequest {
  const bp = weatherBlueprint();
  const history = renderRefusalHistory(refused, 2000).text;
  const messages = engineerMessages({ blueprint: bp, editable: bp.files.filter((f) => f.path.startsWith('prompts/')), spec: SPEC, exemplars: [], history }) as SimChatRequest['messages'];
  return { model: 'sim', seed, messages: [...messages, ...extra], response_format: releaseCandidateFormat as SimChatRequest['response_format'] };
}

function answer(engineer: ReturnType<typeof simulatedEngineer>, req: SimChatRequest): EngineerReply & { added: string } {
  const read = readEngineerReply(engineer(req).content);
  if (!read.ok) throw new Error(read.message);
  const added = read.reply.patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1));
  return { ...read.reply, added: added.join('\n') };
}

describe('the simulated engineer with the refused candidates in view', () => {
  const clean = { malformedRate: 0 };

  it('reads the section synthesis writes, under the same heading', () => {
    expect(SIM_HEADING).toBe(HISTORY_HEADING);
  });

  it('writes the precise rule of a need whose broad rule was refused, whatever its broad draw', () => {
    const engineer = simulatedEngineer(world({ ...clean, broadRate: 1 }));
    expect(answer(engineer, request([])).added).toBe(BROAD);
    for (let seed = 0; seed < 10; seed += 1) expect(answer(engineer, request([refusalOf(BROAD, 1)], seed)).added).toBe(LOOKUP);
  });

  it('turns to a need of another symptom the specification ranks when the precise rule was refused', () => {
    const engineer = simulatedEngineer(world({ ...clean, broadRate: 0 }));
    expect(answer(engineer, request([])).added).toBe(LOOKUP);
    const reply = answer(engineer, request([refusalOf(LOOKUP, 2)]));
    expect(reply.added).toBe(CELSIUS);
    expect(reply.intent.targets).toEqual(['invalid-tool-arguments']);
    expect(reply.intent.expectedFixes).toEqual(['oslo-celsius']);
  });

  it('proposes a harmless sentence no refused candidate added when every rule on offer was refused', () => {
    const engineer = simulatedEngineer(world({ ...clean, broadRate: 0 }));
    const refused = [refusalOf(LOOKUP, 1), refusalOf(CELSIUS, 2), refusalOf(GENERIC[0]!, 3), refusalOf(GENERIC[1]!, 4)];
    for (let seed = 0; seed < 6; seed += 1) expect(answer(engineer, request(refused, seed)).added).toBe(GENERIC[2]);
  });

  it('does not repeat its own reply that came back refused as a duplicate, even when the history left it out', () => {
    const engineer = simulatedEngineer(world({ ...clean, broadRate: 0 }));
    const first = engineer(request([]));
    const retry = request([], 0, [
      { role: 'assistant', content: first.content },
      { role: 'user', content: 'Your change was refused (EPATCH duplicate): the change gives exactly the candidate of iteration 1 …' },
    ]);
    expect(answer(engineer, retry).added).toBe(CELSIUS);
    // A retry for another reason still corrects the same change.
    const malformed = request([], 0, [
      { role: 'assistant', content: first.content },
      { role: 'user', content: 'Your change was refused (EPATCH malformed): …' },
    ]);
    expect(answer(engineer, malformed).added).toBe(LOOKUP);
  });

  it('draws as without history: the same sentence class and intent when nothing it would write was refused', () => {
    for (const broadRate of [0, 0.5, 1]) {
      const engineer = simulatedEngineer(world({ ...clean, broadRate }));
      for (let seed = 0; seed < 10; seed += 1) {
        const plain = answer(engineer, request([], seed));
        // A refusal of something else (the Celsius rule) changes nothing the engineer writes for the target.
        const withHistory = answer(engineer, request([refusalOf(CELSIUS, 1)], seed));
        expect([withHistory.added, withHistory.intent]).toEqual([plain.added, plain.intent]);
      }
    }
  });
});
