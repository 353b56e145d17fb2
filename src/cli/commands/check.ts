import { copyFile, cp, mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CHECK_FILE, runCheck, type CheckResult } from '../../release/check/index.js';
import { GATE_FILE } from '../../release/index.js';
import { decisionLine, reportFileNames, reportFormats } from '../../report/index.js';
import { storeLayout, writeFileAtomic } from '../../store/index.js';
import { barProgress, lineProgress, silentProgress, type ProgressSink } from '../../run/index.js';
import type { CliContext } from '../context.js';
import { withInterrupt } from '../interrupt.js';
import { chooseAgent, chooseSuites } from '../options.js';
import { percent, pValueText } from './release-format.js';

/**
 * `agentdevel check [--agent <a>] [--base <ref>] [--head <ref>] [--gate <policy>] [--suite …] [--out <dir>]`:
 * gates one version of an agent against another (a hand edit, a pull request) with the release
 * loop's gate and report. Exit 0 accept, 10 reject, 11 inconclusive; 0 with a message when head
 * and base hold the same blueprint. Never moves the version line.
 */
export default async function check(_args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const project = await ctx.project();
  const agent = await chooseAgent(project, options.agent as string | undefined);
  const suites = await chooseSuites(project, options.suite as string[] | undefined);
  const result = await withInterrupt((signal) =>
    runCheck({
      project,
      agent,
      base: options.base as string | undefined,
      head: options.head as string | undefined,
      // An empty --gate (a workflow's unset variable) is the default policy.
      policy: typeof options.gate === 'string' && options.gate !== '' ? options.gate : undefined,
      suites,
      signal,
      progress: chooseProgress(ctx),
      logger: ctx.logger,
    }),
  );
  if (result.status === 'same') {
    const text = `nothing to check: ${result.head.ref} holds the same blueprint of agent ${agent} as ${result.base.ref} (${result.base.commit?.slice(0, 12)}), tree ${result.base.hash.slice(0, 12)}; no run was made.`;
    // In CI the next steps post what --out holds: a one-line report says so.
    if (typeof options.out === 'string') await writeSameReport(resolve(ctx.cwd, options.out), `## ➖ Nothing to check: agent ${agent}\n\n${text}\n`);
    ctx.result(text, { agent, status: 'same', base: result.base, head: result.head });
    return 0;
  }
  const copies = typeof options.out === 'string' ? await copyReports(result, resolve(ctx.cwd, options.out), project.storeDir) : null;
  ctx.result(render(result, copies), {
    agent,
    status: 'checked',
    id: result.record.id,
    dir: result.dir,
    decision: result.result.decision,
    exitCode: result.result.exitCode,
    decided: result.decided,
    check: result.record,
    files: copies ?? result.files,
    simulated: result.report.simulated,
    gate: result.result,
  });
  return result.result.exitCode;
}

/**
 * --out <dir>: the report in every format copied there under its usual name (report.md, …), with
 * check.json and gate.json (what `agentdevel ci check` and `promote --from-check` read).
 */
async function copyReports(result: Extract<CheckResult, { status: 'checked' }>, dir: string, storeDir: string): Promise<Record<string, string>> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const out: Record<string, string> = {};
  for (const format of reportFormats) {
    const to = join(dir, basename(result.files[format]));
    await copyFile(result.files[format], to);
    out[format] = to;
  }
  for (const name of [CHECK_FILE, GATE_FILE]) await copyFile(join(result.dir, name), join(dir, name));
  // The runs too, so that a later job (after the merge) can promote from this folder alone.
  const { baseline, candidate, confirmation } = result.record.runs;
  for (const id of [baseline, candidate, ...confirmation]) await cp(storeLayout(storeDir).runDir(id), join(dir, 'runs', id), { recursive: true });
  return out;
}

async function writeSameReport(dir: string, markdown: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, reportFileNames.md), markdown);
}

function render(r: Extract<CheckResult, { status: 'checked' }>, copies: Record<string, string> | null): string {
  const { counts, rates } = r.result;
  const lines = [
    decisionLine(r.report),
    `  P→F ${counts.p2f}, F→P ${counts.f2p} (confirmed, dev); flaky ${counts.flaky}, unconfirmed ${counts.unconfirmed}; McNemar p = ${pValueText(r.result.pValue)}`,
    `  pass rate dev ${percent(rates.passRate.baseline.dev)} → ${percent(rates.passRate.candidate.dev)}, holdout ${percent(rates.passRate.baseline.holdout)} → ${percent(rates.passRate.candidate.holdout)}`,
    ...r.result.reasons.filter((x) => !x.passed).map((x) => `  ✘ ${x.rule}: ${x.message}`),
    `runs: base ${r.record.runs.baseline}, head ${r.record.runs.candidate}${r.record.runs.confirmation.length > 0 ? `; confirmation ${r.record.runs.confirmation.join(', ')}` : ''}`,
    `report: ${(copies ?? r.files).md} (also ${reportFormats.filter((f) => f !== 'md').map((f) => (copies ?? r.files)[f]).join(', ')})`,
    `check: ${r.dir} (the version line was not touched${r.result.decision === 'accept' ? `; once this change is merged, \`agentdevel promote --from-check ${r.dir}\` records it as the next version` : ''})`,
  ];
  if (!r.decided) lines.push('(decided before: gate.json of this check was read back)');
  if (r.report.simulated) lines.push('The evidence comes from the simulated world (agentdevel serve --sim), not a real model.');
  return lines.join('\n');
}

function chooseProgress(ctx: CliContext): (label: string) => ProgressSink {
  if (ctx.logger.level === 'quiet') return () => silentProgress;
  if (process.stderr.isTTY) return () => barProgress(process.stderr);
  return (label) => lineProgress((line) => ctx.logger.info(`${label}: ${line}`));
}
