import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { commentMarker, exampleLocator, gateAnnotations, renderAnnotation, upsertComment, workflowCommand, type CiWrites } from '../../ci/index.js';
import type { Project } from '../../config/index.js';
import { fail, isAgentdevelError } from '../../core/errors.js';
import { exitCodeOf, type GateResult } from '../../gate/index.js';
import { readCheckRecord, resolveBase, resolveHead, CHECK_FILE } from '../../release/check/index.js';
import { openReleaseLine, GATE_FILE } from '../../release/index.js';
import { MARKDOWN_LIMITS, reportFileNames } from '../../report/index.js';
import { exists } from '../../store/index.js';
import { loadSuites } from '../../suite/index.js';

/** `ci check-plan`: what the pull request's jobs need before the shards run: the agent, the base commit, and whether head differs. */
export async function ciCheckPlan(project: Project, agent: string, base: string | undefined): Promise<CiWrites> {
  const line = await openReleaseLine(project, agent);
  const b = await resolveBase(project, line, base);
  const h = await resolveHead(project, line, undefined);
  return { commands: [], outputs: { agent, base: b.commit, 'base-ref': b.ref, same: String(b.hash === h.hash) } };
}

/**
 * `ci check --dir <dir>`: the check's report (what `agentdevel check --out <dir>` wrote) into the
 * job summary; annotations on the suite lines of its confirmed P→F and flaky examples and on
 * each blueprint file the change touched; outputs decision and exit-code (0 when there was
 * nothing to check), for the job to end with once the comment is posted.
 */
export async function ciCheckReport(project: Project, dirOption: unknown, cwd: string): Promise<CiWrites> {
  if (typeof dirOption !== 'string') return fail('EUSAGE', 'ci check: --dir <dir> is required: the folder `agentdevel check --out <dir>` wrote');
  const dir = resolve(cwd, dirOption);
  const markdown = await readFile(join(dir, reportFileNames.md), 'utf8').catch(() => fail('ENOT_FOUND', `${join(dir, reportFileNames.md)}: no check report`, { details: 'Run `agentdevel check --out <dir>` first, with the same folder.' }));
  const summary = Buffer.byteLength(markdown) > MARKDOWN_LIMITS.stepSummary ? markdown.slice(0, MARKDOWN_LIMITS.stepSummary / 4) : markdown;
  if (!(await exists(join(dir, CHECK_FILE)))) return { summary, commands: [], outputs: { decision: 'none', 'exit-code': '0', p2f: '0', f2p: '0' } };
  const record = await readCheckRecord(join(dir, CHECK_FILE));
  const gate = JSON.parse(await readFile(join(dir, GATE_FILE), 'utf8')) as GateResult;
  const simulated = markdown.includes('(simulated world)');
  let locate: Awaited<ReturnType<typeof exampleLocator>>;
  try {
    locate = await exampleLocator(await loadSuites(project, record.suites), (await openReleaseLine(project, record.agent)).repo.root);
  } catch (error) {
    if (!isAgentdevelError(error)) throw error;
    locate = () => undefined;
  }
  const commands = gateAnnotations(gate, (flip) => locate(flip.suite, flip.exampleId), { simulated, check: true }).map(renderAnnotation);
  const level = gate.decision === 'reject' ? 'error' : gate.decision === 'inconclusive' ? 'warning' : 'notice';
  const verdict = `agentdevel check: ${gate.decision} (P→F ${gate.counts.p2f}, F→P ${gate.counts.f2p} confirmed on dev${simulated ? '; simulated world, not a real model' : ''}): see the job summary or the pull request comment for the evidence`;
  for (const file of record.changedFiles.slice(0, 10)) commands.push(workflowCommand(level, { file, title: `agentdevel check: ${gate.decision}` }, verdict));
  return {
    summary,
    commands,
    outputs: { decision: gate.decision, 'exit-code': String(exitCodeOf(gate.decision)), p2f: String(gate.counts.p2f), f2p: String(gate.counts.f2p), check: record.id },
  };
}

/**
 * `ci comment --body <file>`: the sticky pull-request comment, created once and updated on every
 * push, found by its hidden marker (one per agent). The pull request is the event's
 * (GITHUB_EVENT_PATH) unless --pr names one; the token is GITHUB_TOKEN.
 */
export async function ciComment(agent: string, options: Record<string, unknown>, cwd: string, env: NodeJS.ProcessEnv): Promise<{ action: 'created' | 'updated'; id: number; url: string | null; pullRequest: number }> {
  if (typeof options.body !== 'string') return fail('EUSAGE', 'ci comment: --body <file> is required: the Markdown to post (the check\'s report.md)');
  const missing = ['GITHUB_API_URL', 'GITHUB_REPOSITORY', 'GITHUB_TOKEN'].filter((name) => !env[name]);
  if (missing.length > 0) return fail('ECI_ENV', `ci comment: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`, { details: 'Pass the workflow token to the step: `env: GITHUB_TOKEN: ${{ github.token }}` (the job needs `pull-requests: write`).' });
  const pullRequest = options.pr !== undefined ? Number(options.pr) : await eventPullRequest(env.GITHUB_EVENT_PATH);
  if (!Number.isInteger(pullRequest) || pullRequest < 1) return fail('EUSAGE', `ci comment: --pr ${String(options.pr)}: expected a pull request number`);
  const markdown = await readFile(resolve(cwd, options.body), 'utf8').catch((error: Error) => fail('EFILE', `--body ${options.body as string}: cannot read (${error.message})`));
  const limit = MARKDOWN_LIMITS.prBody - 200;
  const text = markdown.length > limit ? `${markdown.slice(0, limit)}\n\n_…cut to fit a comment; the job summary and the report artifact have all of it._\n` : markdown;
  const done = await upsertComment({ apiUrl: env.GITHUB_API_URL!, repository: env.GITHUB_REPOSITORY!, pullRequest, token: env.GITHUB_TOKEN! }, commentMarker(agent), text);
  return { ...done, pullRequest };
}

async function eventPullRequest(path: string | undefined): Promise<number> {
  if (!path) return fail('ECI_ENV', 'ci comment: GITHUB_EVENT_PATH is not set and --pr is not given', { details: 'Run it in a pull_request workflow, or name the pull request with --pr <number>.' });
  const event = JSON.parse(await readFile(path, 'utf8')) as { pull_request?: { number?: unknown }; number?: unknown };
  const n = Number(event.pull_request?.number ?? event.number);
  if (!Number.isInteger(n)) return fail('ECI_ENV', `ci comment: the event at ${path} is not about a pull request`, { details: 'Run it in a pull_request workflow, or name the pull request with --pr <number>.' });
  return n;
}
