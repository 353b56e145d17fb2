import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, writeTree } from '../helpers/tmp.js';

export interface QaProjectOptions {
  examples?: number;
  latencyMs?: number;
  /** Requests in flight to the agent endpoint. */
  concurrency?: number;
  repeats?: number;
  maxRetries?: number;
  endpointTimeoutMs?: number;
  /** The system prompt; by default it states the "units" rule, so examples needing it can pass. */
  prompt?: string;
  /** A scorer other than exact (e.g. a custom module that crashes). */
  scorer?: Record<string, unknown>;
  extraFiles?: Record<string, string>;
  /** The agent endpoint; default the in-process simulated world. */
  baseURL?: string;
}

export const UNITS_RULE = 'Always state the unit of every quantity.';

/**
 * A project playing the simulated world in-process: a one-call prompt agent answering
 * questions (no tools), scored by exact match. Every third example needs the "units" rule in
 * the prompt; the world's flaky share makes some outcomes vary between samples.
 */
export async function qaProject(options: QaProjectOptions = {}): Promise<string> {
  const count = options.examples ?? 24;
  const examples = Array.from({ length: count }, (_, i) => ({
    id: `q${String(i).padStart(3, '0')}`,
    input: `Question ${i}: how far is landmark ${i} from the station?`,
    expected: `${i * 3 + 1} km`,
    tags: i % 2 === 0 ? ['even'] : ['odd'],
    sim: { needs: i % 3 === 0 ? ['units'] : [], answer: `${i * 3 + 1} km`, wrong: `${i * 3 + 2} km` },
  }));
  const suite = {
    name: 'qa',
    scorer: options.scorer ?? { kind: 'exact' },
    repeats: options.repeats ?? 1,
    timeoutMs: 20_000,
    sim: { needs: { units: { mode: 'hallucinate', rule: UNITS_RULE } } },
    examples,
  };
  const config = {
    store: '.agentdevel',
    endpoints: {
      agent: {
        baseURL: options.baseURL ?? 'sim',
        ...(options.baseURL ? { model: 'sim-agent' } : {}),
        concurrency: options.concurrency ?? 8,
        maxRetries: options.maxRetries ?? 2,
        timeoutMs: options.endpointTimeoutMs ?? 10_000,
      },
    },
    sim: { seed: 5, flakyShare: 0.25, rerollRate: 0, latencyMs: options.latencyMs ?? 0 },
  };
  return writeTree({
    'agentdevel.yaml': JSON.stringify(config, null, 2),
    'specs/qa.yaml': JSON.stringify(suite, null, 2),
    'agents/qa/agent.yaml': 'name: qa\nkind: prompt\nsystem: prompts/system.md\nmaxSteps: 2\n',
    'agents/qa/prompts/system.md': `${options.prompt ?? `You answer travel questions briefly. ${UNITS_RULE}`}\n`,
    ...options.extraFiles,
  });
}

/** A copy of a project in a fresh folder (same files, so the same run ids; its own store). */
export async function copyProject(root: string): Promise<string> {
  const copy = await tempDir();
  await cp(root, copy, { recursive: true, filter: (source) => !source.includes('.agentdevel') });
  return copy;
}

export async function setPrompt(root: string, text: string): Promise<void> {
  await writeFile(join(root, 'agents/qa/prompts/system.md'), `${text}\n`);
}
