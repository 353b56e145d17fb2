/**
 * What the jobs of one iteration need to know, as a workflow passes it from job to job: the
 * iteration's number, where its runs take their samples from, the commit the baseline plays
 * (the version line's tip, or HEAD before the line exists), and the release candidate once
 * synthesize made one.
 */
export interface IterationPlan {
  agent: string;
  iteration: number;
  /** First sample index of the baseline's and the RC's runs (`run --sample-base`). */
  sampleBase: number;
  /** The version branch. */
  branch: string;
  /** Whether the version branch exists yet (synthesize makes it when it does not). */
  lineExists: boolean;
  baselineCommit: string;
  /** The version tag the line holds (null before the line exists). */
  version: string | null;
  rcBranch: string | null;
  rcCommit: string | null;
}

export function planOutputs(plan: IterationPlan): Record<string, string> {
  return {
    agent: plan.agent,
    iteration: String(plan.iteration),
    'sample-base': String(plan.sampleBase),
    branch: plan.branch,
    'line-exists': String(plan.lineExists),
    'baseline-commit': plan.baselineCommit,
    version: plan.version ?? '',
    candidate: String(plan.rcCommit !== null),
    'rc-branch': plan.rcBranch ?? '',
    'rc-commit': plan.rcCommit ?? '',
  };
}
