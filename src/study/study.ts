import { join } from 'node:path';
import type { Project } from '../config/index.js';
import { fail } from '../core/errors.js';
import { hashValue } from '../core/hash.js';
import type { Logger } from '../core/log.js';
import { writeFileAtomic, writeJsonAtomic } from '../store/index.js';
import { GOOD_EPSILON } from './account.js';
import { STUDY_SCHEMA_VERSION, type StudyDocument } from './document.js';
import { renderStudyHtml } from './html.js';
import { noiseLevels, type NoiseLevel } from './levels.js';
import type { LineResult, LineTask } from './line.js';
import { runLines } from './lines.js';
import { renderStudyMarkdown } from './markdown.js';
import { loadSetup, studyPolicies } from './setup.js';
import { explain, levelStarts, summarise } from './summary.js';

export interface StudyOptions {
  project: Project;
  agent: string;
  suites: string[];
  /** gates/<name>.yaml policies compared beside the built-in ones. */
  gates: string[];
  lines: number;
  iterations: number;
  seed: number;
  jobs: number;
  flaky: number[];
  reroll: number[];
  grid: boolean;
  /** The command line that reproduces the study, printed in its reports. */
  command: string;
  logger?: Logger;
  onLine?: (result: LineResult, done: number, total: number) => void;
  now?: () => Date;
}

export interface StudyOutcome {
  document: StudyDocument;
  markdown: string;
  dir: string;
  files: { md: string; json: string; html: string };
}

export const STUDY_FILES = { md: 'study.md', json: 'study.json', html: 'study.html' } as const;

/**
 * `agentdevel study`: many independent release lines on the simulated world, under each noise
 * level and gate policy, each accounted for against the world's ground truth; the study is
 * written to `<store>/studies/<id>/` as Markdown, JSON and HTML.
 */
export async function runStudy(options: StudyOptions): Promise<StudyOutcome> {
  for (const [flag, n, least] of [['--lines', options.lines, 1], ['--iterations', options.iterations, 1], ['--jobs', options.jobs, 1]] as const) {
    if (!Number.isInteger(n) || n < least) fail('EUSAGE', `${flag} must be a whole number of at least ${least} (got ${n})`);
  }
  if (!Number.isInteger(options.seed)) fail('EUSAGE', `--seed must be a whole number (got ${options.seed})`);
  const now = options.now ?? (() => new Date());
  const started = now();
  const clock = performance.now();
  const cpu = process.cpuUsage();
  const { project } = options;
  const centre: NoiseLevel = { flakyShare: project.config.sim.flakyShare, rerollRate: project.config.sim.rerollRate };
  const levels = noiseLevels(centre, options.flaky, options.reroll, options.grid);
  const policies = await studyPolicies(project, options.gates);
  const input = { project, agent: options.agent, suites: options.suites, policies, iterations: options.iterations };
  // Loaded here first so that a bad agent or suite is refused before any worker starts.
  const setup = await loadSetup(input);
  const tasks: LineTask[] = levels.flatMap((noise, level) => Array.from({ length: options.lines }, (_, line) => ({ level, noise, line, seed: options.seed + line })));
  const results = await runLines(input, tasks, options.jobs, {
    ...(options.logger ? { logger: options.logger } : {}),
    onLine: (result, done) => options.onLine?.(result, done, tasks.length),
  });

  const id = `${started.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${hashValue({ levels, policies, lines: options.lines, iterations: options.iterations, seed: options.seed }).slice(0, 8)}`;
  const names = policies.map((p) => p.name);
  const { seed: _seed, flakyShare: _flaky, rerollRate: _reroll, ...world } = { ...project.config.sim, latencyMs: 0 };
  const document: StudyDocument = {
    schemaVersion: STUDY_SCHEMA_VERSION,
    id,
    createdAt: started.toISOString(),
    simulated: true,
    command: options.command,
    agent: options.agent,
    suites: setup.suites.map((suite) => {
      const annotated = suite.examples.filter((e) => e.sim !== undefined);
      return { name: suite.name, examples: annotated.length, dev: annotated.filter((e) => e.split === 'dev').length, holdout: annotated.filter((e) => e.split === 'holdout').length };
    }),
    lines: options.lines,
    iterations: options.iterations,
    seed: options.seed,
    design: options.grid ? 'grid' : 'one-at-a-time',
    world: { ...world, centre },
    levels,
    policies,
    goodEpsilon: GOOD_EPSILON,
    starts: levelStarts(levels, results),
    summary: summarise(levels, names, results),
    why: explain(levels, names, results),
    results,
    timing: {
      seconds: (performance.now() - clock) / 1000,
      cpuSeconds: cpuSeconds(process.cpuUsage(cpu)),
      jobs: options.jobs,
      policyIterations: results.reduce((n, r) => n + r.policies.reduce((m, p) => m + p.iterations, 0), 0),
      callsMade: results.reduce((n, r) => n + r.made.calls, 0),
      callsSpent: results.reduce((n, r) => n + r.policies.reduce((m, p) => m + p.spent.calls, 0), 0),
    },
  };
  const dir = join(project.storeDir, 'studies', id);
  const files = { md: join(dir, STUDY_FILES.md), json: join(dir, STUDY_FILES.json), html: join(dir, STUDY_FILES.html) };
  const markdown = renderStudyMarkdown(document);
  await writeJsonAtomic(files.json, document);
  await writeFileAtomic(files.md, markdown);
  await writeFileAtomic(files.html, renderStudyHtml(document));
  return { document, markdown, dir, files };
}

/** CPU time of the whole process, worker threads included (getrusage of the process). */
function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}
