import type { Project } from '../../config/index.js';
import { fail, isAgentdevelError } from '../../core/errors.js';
import type { LedgerEntry } from '../../core/ledger.js';
import { mask } from '../../core/secrets.js';
import { actionsFiles, describeWrites, exampleLocator, gateAnnotations, renderAnnotation, verdictOutputs, writeToActions, type CiWrites } from '../../ci/index.js';
import type { GateResult } from '../../gate/index.js';
import { currentVersion, openReleaseLine, readLineLedger, renderAuditReport, type ReleaseLine } from '../../release/index.js';
import { MARKDOWN_LIMITS, readIterationFolder, renderReport } from '../../report/index.js';
import { resolveIteration, storeLayout } from '../../store/index.js';
import { loadSuites } from '../../suite/index.js';
import type { CliContext } from '../context.js';
import { chooseAgent, chooseIteratedAgent, iterationOption } from '../options.js';
import { ciCheckPlan, ciCheckReport, ciComment } from './ci-check.js';
import { ciPlan } from './ci-plan.js';

/**
 * `agentdevel ci [report|plan]`: GitHub Actions glue.
 * - `report` (the default): the iteration's audit report into the job summary, an `::error`
 *   annotation on the suite file for every confirmed P→F example and a `::warning` for every
 *   flaky one, and the outputs decision, p2f, f2p, version (with flaky, exit-code, …).
 * - `plan`: the outputs the jobs of an iteration need (its number, sample base, baseline
 *   commit; with --iteration, also its release candidate).
 * - `check-plan`, `check --dir <dir>`, `comment --body <file>`: the pull-request workflow's
 *   steps around `agentdevel check` (see ci-check.ts).
 * Outside Actions (GITHUB_ACTIONS not "true") it prints what it would write. Exit 0: the
 * gate's verdict is the `exit-code` output, for the workflow to end with once it published.
 */
export default async function ci(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const step = args[0] ?? 'report';
  if (!STEPS.includes(step)) return fail('EUSAGE', `ci ${step}: expected one of ${STEPS.map((s) => `\`agentdevel ci ${s}\``).join(', ')} (report is the default)`);
  const project = await ctx.project();
  if (step === 'comment') {
    const agent = await chooseAgent(project, options.agent as string | undefined);
    const done = await ciComment(agent, options, ctx.cwd, process.env);
    ctx.result(`comment: ${done.action} comment ${done.id} on pull request #${done.pullRequest}${done.url ? ` (${done.url})` : ''}`, done);
    return 0;
  }
  const files = actionsFiles(process.env);
  const writes = await writesOf(step, project, options, ctx);
  const masked: CiWrites = {
    ...(writes.summary === undefined ? {} : { summary: mask(writes.summary) }),
    commands: writes.commands.map(mask),
    outputs: Object.fromEntries(Object.entries(writes.outputs).map(([k, v]) => [k, mask(v)])),
  };
  if (files) {
    await writeToActions(files, masked, (line) => process.stdout.write(`${line}\n`));
    const done = `${step}: ${masked.summary === undefined ? '' : `job summary appended (${Buffer.byteLength(masked.summary, 'utf8')} bytes), `}${masked.commands.length} annotations, outputs ${Object.entries(masked.outputs)
      .map(([k, v]) => `${k}=${v.split('\n')[0]}`)
      .join(' ')}`;
    ctx.result(ctx.json ? '' : done, { step, inActions: true, ...masked });
  } else {
    ctx.result(describeWrites(masked), { step, inActions: false, ...masked });
  }
  return 0;
}

const STEPS = ['report', 'plan', 'check-plan', 'check', 'comment'];

async function writesOf(step: string, project: Project, options: Record<string, unknown>, ctx: CliContext): Promise<CiWrites> {
  if (step === 'check') return ciCheckReport(project, options.dir, ctx.cwd);
  if (step === 'check-plan') return ciCheckPlan(project, await chooseAgent(project, options.agent as string | undefined), options.base as string | undefined);
  const agent = await chooseIteratedAgent(project, options.agent as string | undefined);
  const iteration = iterationOption(options.iteration);
  return step === 'plan' ? ciPlan(project, agent, iteration, options.gate as string | undefined) : ciReport(project, agent, iteration);
}

async function ciReport(project: Project, agent: string, n: number | undefined): Promise<CiWrites> {
  const state = await resolveIteration(project.storeDir, agent, n);
  const line = await openLine(project, agent);
  const ledger = line ? (await readLineLedger(line)).filter((e) => e.iteration <= state.n) : [];
  const { report } = await renderAuditReport(project, state, ledger, new Date());
  const summary = renderReport(report, 'md', { markdown: { limit: MARKDOWN_LIMITS.stepSummary } });
  const gate = (await readIterationFolder(storeLayout(project.storeDir).iterationDir(agent, state.n))).gate as GateResult | null;
  const recorded = ledger.find((e) => e.iteration === state.n) ?? null;
  const outputs = verdictOutputs({
    agent,
    iteration: state.n,
    gate,
    recorded: recorded?.decision ?? state.outcome ?? null,
    version: await versionAfter(line, recorded),
    simulated: report.simulated,
  });
  if (!gate) return { summary, commands: [], outputs };
  const locate = await locator(project, line, [...new Set(gate.flips.map((f) => f.suite))]);
  const annotations = gateAnnotations(gate, (flip) => locate(flip.suite, flip.exampleId), { simulated: report.simulated });
  return { summary, commands: annotations.map(renderAnnotation), outputs };
}

/** The tag the line holds after the iteration: the recorded one, else the line's current version. */
async function versionAfter(line: ReleaseLine | null, recorded: LedgerEntry | null): Promise<string | null> {
  if (recorded) return recorded.tag ?? recorded.parent.tag;
  return line ? ((await currentVersion(line))?.tag ?? null) : null;
}

/** Annotations point into the suites as the working tree holds them; a suite that no longer loads gives no place. */
async function locator(project: Project, line: ReleaseLine | null, suites: string[]) {
  try {
    return await exampleLocator(await loadSuites(project, suites), line?.repo.root ?? project.root);
  } catch (error) {
    if (!isAgentdevelError(error)) throw error;
    return () => undefined;
  }
}

/** The version line, or null outside a git repository (the report then has no ledger). */
async function openLine(project: Project, agent: string): Promise<ReleaseLine | null> {
  try {
    return await openReleaseLine(project, agent);
  } catch (error) {
    if (isAgentdevelError(error) && error.code === 'ENOT_GIT_REPO') return null;
    throw error;
  }
}
