import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitProject, git } from '../synthesis/git-fixture.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The rules the qa agent's prompt lacks at first; each is a need of some examples in the simulated world. */
export const RULES = {
  units: 'Always state the unit of every quantity.',
  plain: 'Reply with the bare answer only, no preamble.',
  attempt: 'Answer every question, even when unsure.',
};

export interface LoopProjectOptions {
  examples?: number;
  /** Settings of the simulated world (`sim:` of agentdevel.yaml). */
  sim?: Record<string, unknown>;
  /** `release:` of agentdevel.yaml. */
  release?: Record<string, unknown>;
  repeats?: number;
  /** Gate policies written under gates/ besides the shipped default and lenient. */
  gates?: Record<string, string>;
  /** The agent's first prompt (default: none of the rules). */
  prompt?: string;
  /** Endpoints replacing the simulated world's, per role (`endpoints:` of agentdevel.yaml). */
  endpoints?: Record<string, unknown>;
  /** More files of the repository (a `.gitignore` replaces the default one). */
  files?: Record<string, string>;
  /** Needs of the suite's `sim:` replacing the default ones by name (a broad variant, say). */
  needs?: Record<string, unknown>;
  /** Top-level sections of agentdevel.yaml replacing the fixture's (`critic`, `synthesis`, …). */
  config?: Record<string, unknown>;
}

/**
 * A small project in a real git repository (bare file:// origin) for release-loop tests, on
 * the simulated world for every role: a one-call prompt agent answering questions, scored by
 * exact match. Examples need one of three rules the first prompt lacks (by i mod 4; the fourth
 * need none), so the critic finds symptoms, the engineer proposes the rules one by one and a
 * candidate truly fixes examples. Fast: tens of examples, no tools.
 */
export async function loopProject(options: LoopProjectOptions = {}): Promise<{ root: string; origin: string }> {
  const count = options.examples ?? 32;
  const needs = ['units', 'plain', 'attempt', undefined] as const;
  const examples = Array.from({ length: count }, (_, i) => {
    const need = needs[i % 4];
    return {
      id: `q${String(i).padStart(3, '0')}`,
      input: `Question ${i}: how far is landmark ${i} from the station?`,
      expected: `${i * 3 + 1} km`,
      tags: [need ?? 'plain-sailing'],
      sim: { needs: need ? [need] : [], answer: `${i * 3 + 1} km`, wrong: `${i * 3 + 2} km` },
    };
  });
  const suite = {
    name: 'qa',
    scorer: { kind: 'exact' },
    repeats: options.repeats ?? 1,
    timeoutMs: 60_000,
    split: { holdout: 0.25, salt: 'qa' },
    mustPass: ['q003'],
    sim: {
      needs: {
        units: { mode: 'hallucinate', rule: RULES.units },
        plain: { mode: 'bad-format', rule: RULES.plain },
        attempt: { mode: 'refuse', rule: RULES.attempt },
        ...options.needs,
      },
    },
    examples,
  };
  const config = {
    store: '.agentdevel',
    endpoints: { agent: { baseURL: 'sim', concurrency: 16 }, critic: { baseURL: 'sim' }, engineer: { baseURL: 'sim' }, ...options.endpoints },
    sim: { seed: 7, flakyShare: 0, rerollRate: 0, mislabelRate: 0, broadRate: 0, malformedRate: 0, ...options.sim },
    critic: { samplePasses: 0 },
    release: { suites: ['qa'], iterations: 3, ...options.release },
    ...options.config,
  };
  const files: Record<string, string> = {
    'agentdevel.yaml': JSON.stringify(config, null, 2),
    'specs/qa.yaml': JSON.stringify(suite, null, 2),
    'agents/qa/agent.yaml': 'name: qa\nkind: prompt\nsystem: prompts/system.md\nmaxSteps: 2\n',
    'agents/qa/prompts/system.md': `${options.prompt ?? 'You answer travel questions briefly.'}\n`,
    ...Object.fromEntries(Object.entries(options.gates ?? {}).map(([name, text]) => [`gates/${name}.yaml`, text])),
    ...options.files,
  };
  const made = await gitProject(files);
  await cp(join(REPO, 'gates', 'default.yaml'), join(made.root, 'gates', 'default.yaml'));
  await cp(join(REPO, 'gates', 'lenient.yaml'), join(made.root, 'gates', 'lenient.yaml'));
  await git(made.root, 'add', 'gates');
  await git(made.root, 'commit', '--quiet', '-m', 'gates');
  await git(made.root, 'push', '--quiet', 'origin', 'main');
  return made;
}

/** The ledger on the version line's tip, one parsed line each. */
export async function ledgerOf(root: string, agent = 'qa'): Promise<Array<Record<string, unknown> & { iteration: number; decision: string; version: number | null }>> {
  const text = await git(root, 'show', `agentdevel/${agent}:releases/${agent}/ledger.jsonl`).catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { iteration: number; decision: string; version: number | null });
}

export async function tagsOf(root: string, agent = 'qa'): Promise<string[]> {
  return (await git(root, 'tag', '--list', `${agent}@v*`)).split('\n').filter(Boolean).sort();
}
