import type { GatePolicy, SimWorldConfig } from '../config/index.js';
import type { NoiseLevel } from './levels.js';
import type { LineResult } from './line.js';
import type { LevelStart, SummaryRow, WhyRow } from './summary.js';

export const STUDY_SCHEMA_VERSION = 1;

/** Said wherever a study's results appear. */
export const SIMULATED_STUDY_NOTE =
  'Every number here comes from the simulated world (docs/simulated-world.md), not from a real model: it measures the gate machinery against a known ground truth, under the world\'s parameters printed below.';

/** study.json: the whole study, every line's account included, and what renders the Markdown and HTML. */
export interface StudyDocument {
  schemaVersion: typeof STUDY_SCHEMA_VERSION;
  id: string;
  createdAt: string;
  simulated: true;
  /** The command that reproduces it. */
  command: string;
  agent: string;
  suites: Array<{ name: string; examples: number; dev: number; holdout: number }>;
  lines: number;
  iterations: number;
  /** Line i (0-based) uses seed `seed + i` as the world's seed and as the runs' seed. */
  seed: number;
  design: 'one-at-a-time' | 'grid';
  /** The world's parameters other than the noise levels and the per-line seed (the project's `sim:`, latency 0). */
  world: Omit<SimWorldConfig, 'seed' | 'flakyShare' | 'rerollRate'> & { centre: NoiseLevel };
  levels: NoiseLevel[];
  policies: Array<GatePolicy & { name: string; history?: boolean }>;
  /** A good candidate's true gain over its parent, at least (src/study/account.ts). */
  goodEpsilon: number;
  starts: LevelStart[];
  summary: SummaryRow[];
  /** Totals per level and policy: the rules that refused candidates, the causes of regressions. */
  why: WhyRow[];
  results: LineResult[];
  timing: {
    seconds: number;
    /** CPU time of the process, every thread. */
    cpuSeconds: number;
    jobs: number;
    /** Iterations run, over every policy and line. */
    policyIterations: number;
    /** Fresh model calls the study made (work shared between policies made once). */
    callsMade: number;
    /** Fresh model calls the policies' lines would have made each alone. */
    callsSpent: number;
  };
}
