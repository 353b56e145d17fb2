import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { projectPaths, type Project } from '../../config/index.js';
import type { RunManifest } from '../../core/records.js';
import { NONE, type Diagnosis } from '../../diagnosis/index.js';
// Not the release index: it loads the whole loop and execution engine, which diagnosing needs none of.
import { diagnoseIteration } from '../../release/diagnose-iteration.js';
import { knownRegressionsOf } from '../../release/ledger/budget.js';
import { readLineLedger } from '../../release/ledger/read.js';
import { openReleaseLine } from '../../release/line.js';
import { AgentdevelError } from '../../core/errors.js';
import { SIMULATED_NOTE } from '../../run/summary-text.js';
import { resolveIteration } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { chooseIteratedAgent, iterationOption } from '../options.js';

const TOP_SYMPTOMS = 5;

/**
 * `agentdevel diagnose [--agent <a>] [--iteration <n>]`: the iteration's baseline records and
 * critiques → diagnosis.json and spec.md (built-in scripts, then the project's own), the stage
 * marked completed. Prints the target and the top symptoms (--json: the whole diagnosis).
 */
export default async function diagnose(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const agent = await chooseIteratedAgent(project, options.agent as string | undefined);
  const state = await resolveIteration(project.storeDir, agent, iterationOption(options.iteration));
  const knownRegressions = await lineKnownRegressions(project, agent);
  const { runId, manifest, diagnosis, files } = await diagnoseIteration(project, state, { mustPass: (baseline) => mustPassOf(project, baseline), knownRegressions, logger: ctx.logger });
  if (diagnosis.input.records < manifest.recordCount) {
    ctx.logger.warn(`run ${runId} has ${diagnosis.input.records} of its ${manifest.recordCount} records: the diagnosis covers only those`);
  }
  ctx.result(summary(diagnosis, runId, files), { agent, iteration: state.n, runId, simulated: diagnosis.input.simulated, files, diagnosis });
  return 0;
}

function summary(d: Diagnosis, runId: string, files: { diagnosis: string; spec: string }): string {
  const lines = [`diagnosis of iteration ${d.input.iteration} of ${d.input.agent} (run ${runId}${d.input.simulated ? ', simulated world' : ''})`];
  if (d.target.status === 'targeted') {
    for (const label of d.target.targets) {
      const p = d.patterns.find((x) => x.label === label);
      lines.push(`  target: ${label} (triggering tool ${p?.triggeringTool ?? NONE}, tag ${p?.triggeringTag ?? NONE})`);
    }
    lines.push(`  why: ${d.target.reason}`);
  } else {
    lines.push(`  no actionable symptom: ${d.target.reason}`);
  }
  const shown = d.symptoms.filter((s) => s.records > 0).slice(0, TOP_SYMPTOMS);
  if (shown.length > 0) {
    lines.push('  top symptoms (failing records, share of failures, examples, expected gain):');
    const width = Math.max(...shown.map((s) => s.label.length));
    for (const s of shown) lines.push(`    ${s.label.padEnd(width)}  ${s.records}  ${(s.shareOfFailures * 100).toFixed(1)}%  ${s.examples}  ${s.expectedGain}`);
  }
  const p = d.population;
  lines.push(`  ${p.records} dev records (${p.fail} failing: ${p.failures.labelled} labelled, ${p.failures.unlabelled} unlabelled, ${p.failures.uncritiqued} not critiqued); ${d.input.holdoutExcluded} holdout records excluded`);
  lines.push(`  expected to flip: ${d.expectedFlips.length} examples; regression guard: ${d.regressionGuard.examples} examples`);
  for (const s of d.userScripts) lines.push(`  script ${s.path}: ${s.status}${s.error ? ` (${s.error})` : ''}`);
  lines.push(`  wrote ${files.diagnosis} and ${files.spec}`);
  if (d.input.simulated) lines.push(`note: ${SIMULATED_NOTE}`);
  return lines.join('\n');
}

/**
 * The must-pass examples the run's suites declare, as `suite/id`. Read from the suite files as
 * they are now; a suite that is gone or unreadable declares none (the diagnosis only marks them).
 */
async function mustPassOf(project: Project, manifest: RunManifest): Promise<string[]> {
  const keys: string[] = [];
  for (const { name } of manifest.suites) {
    try {
      const config = parse(await readFile(projectPaths.suiteFile(project, name), 'utf8')) as { mustPass?: unknown };
      if (Array.isArray(config?.mustPass)) for (const id of config.mustPass) if (typeof id === 'string') keys.push(`${name}/${id}`);
    } catch {
      // Not fatal: the gate checks must-pass examples against the suite itself.
    }
  }
  return keys;
}

/** The regressions the agent's version line shipped knowingly (none outside a git repository, where there is no line). */
async function lineKnownRegressions(project: Project, agent: string): Promise<Array<{ key: string; iteration: number }>> {
  try {
    return knownRegressionsOf(await readLineLedger(await openReleaseLine(project, agent)));
  } catch (error) {
    if (error instanceof AgentdevelError && error.code === 'ENOT_GIT_REPO') return [];
    throw error;
  }
}
