import type { CliContext } from './context.js';

/**
 * The command table. Declared as data so that `--help` needs no stage code: each command's
 * module is imported only when that command runs.
 */
export interface CommandOption {
  flags: string;
  description: string;
  default?: string | boolean | string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  args?: string[];
  options?: CommandOption[];
  load: () => Promise<CommandModule>;
}

export interface CommandModule {
  /** Returns the exit code (0 when omitted). */
  default(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number | void>;
}

export const commands: CommandSpec[] = [
  {
    name: 'init',
    summary: 'scaffold agentdevel.yaml, an example agent, suite, gate and the release workflow',
    options: [
      { flags: '--force', description: 'overwrite existing files' },
      { flags: '--no-commit', description: 'leave the scaffolded files uncommitted (by default init commits exactly those files)' },
    ],
    load: () => import('./commands/init.js'),
  },
  {
    name: 'validate',
    summary: 'check every config, agent, suite and gate file and list every problem',
    load: () => import('./commands/validate.js'),
  },
  {
    name: 'schema',
    summary: 'write JSON Schemas of the config files for editors',
    options: [{ flags: '-o, --out <dir>', description: 'output folder', default: 'schemas' }],
    load: () => import('./commands/schema.js'),
  },
  {
    name: 'serve',
    summary: 'start the simulated world (--sim) or a real inference server (--engine)',
    args: ['[engineArgs...]'],
    options: [
      { flags: '--sim', description: 'serve the simulated world' },
      { flags: '--engine <engine>', description: 'vllm | sglang | llama-cpp' },
      { flags: '--model <model>', description: 'model to serve (real engines)' },
      { flags: '--host <host>', description: 'address to bind', default: '127.0.0.1' },
      { flags: '--port <port>', description: "port (default: 8787 for --sim, the engine's own for --engine; 0 = any free port)" },
      { flags: '--seed <n>', description: 'world seed (simulated world)' },
      { flags: '--latency-ms <ms>', description: 'latency per request: a number, or min-max' },
      { flags: '--concurrency-limit <n>', description: 'requests served at once; more are queued' },
      { flags: '--fault-rate <rate>', description: 'share of requests that fault (0-1)' },
      { flags: '--faults <kinds>', description: 'comma-separated fault kinds: 429,500,hang,malformed,cut-stream' },
      { flags: '--slots <n>', description: 'GPU-shaped simulated server: requests decoded at once (more queue); adds GET /stats and /props' },
      { flags: '--prefill-ms-per-1k-tokens <ms>', description: 'GPU-shaped: prefill time per 1,000 uncached prompt tokens (default 50)' },
      { flags: '--decode-ms-per-token <ms>', description: 'GPU-shaped: time per generated token (default 20)' },
      { flags: '--prefix-cache <on|off>', description: 'GPU-shaped: reuse cached prompt prefixes, shared by all slots (default on)' },
      { flags: '--prefix-cache-tokens <n>', description: 'GPU-shaped: tokens the prefix cache holds (default 1000000)' },
      { flags: '--ready-timeout-ms <ms>', description: 'how long a real engine may take to become ready (default: 600000)' },
    ],
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'run',
    summary: 'run an agent version on suites and record every example',
    options: [
      { flags: '--agent <name>', description: 'the agent under agents/ (default: the only one)' },
      { flags: '--suite <names...>', description: 'suites under specs/ (default: release.suites, else every suite)' },
      { flags: '--repeats <n>', description: "repeats per example, overriding each suite's own" },
      { flags: '--seed <n>', description: 'run seed (default: run.seed in agentdevel.yaml)' },
      { flags: '--sample-base <n>', description: 'first repeat index: another value gives a fresh, independent run', default: '0' },
      { flags: '--shard <i/n>', description: 'run only shard i of n (by a stable hash of suite/id); combine with `merge`' },
      { flags: '--agent-ref <ref>', description: 'run the agent as this git ref (branch, tag, commit) holds it, not the working tree\'s (CI: the version line or an RC branch)' },
      { flags: '--example <ids...>', description: 'run only these examples (`suite/id`, or a bare id one suite holds): a run of its own, apart from the full one' },
      { flags: '--tag <tags...>', description: 'run only the examples carrying any of these tags' },
      { flags: '--retry-errors', description: 'rerun the records that ended in an infrastructure error' },
      { flags: '--concurrency <n>', description: 'requests in flight per agent base URL (overrides agentdevel.yaml)' },
    ],
    load: () => import('./commands/run.js'),
  },
  {
    name: 'runs',
    summary: 'list the runs in the store: agent, blueprint, suites, pass rate, records, errors, date',
    options: [{ flags: '--agent <name>', description: "only this agent's runs" }],
    load: () => import('./commands/runs.js'),
  },
  {
    name: 'show',
    summary: "show a run example by example, or one example's every record with its full trace",
    args: ['<run>'],
    options: [
      { flags: '--status <status>', description: 'only examples with a record of this status: pass | fail | error' },
      { flags: '--tag <tag>', description: 'only examples carrying this tag' },
      { flags: '--example <id>', description: "one example (`suite/id`, or a bare id): its records with output, scorer feedback and trace" },
    ],
    load: () => import('./commands/show.js'),
  },
  {
    name: 'compare',
    summary: 'flips between any two runs (A → B), unconfirmed: no confirmation reruns, no policy (`check` decides)',
    args: ['<runA>', '<runB>'],
    load: () => import('./commands/compare.js'),
  },
  {
    name: 'merge',
    summary: 'merge the shards of a run into the run the unsharded command makes',
    args: ['<runs...>'],
    load: () => import('./commands/merge.js'),
  },
  {
    name: 'critique',
    summary: 'label the symptoms of failures with the blind critic',
    options: [
      { flags: '--run <runId>', description: 'the run to critique (its dev fails and a sample of its dev passes)' },
      { flags: '--iteration <n>', description: 'the iteration to write into (default: the latest about this run if undecided, else a new one)' },
    ],
    load: () => import('./commands/critique.js'),
  },
  {
    name: 'diagnose',
    summary: 'aggregate symptoms into an engineering specification',
    options: [
      { flags: '--agent <name>', description: 'the agent whose iteration to diagnose (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration (default: the latest)' },
    ],
    load: () => import('./commands/diagnose.js'),
  },
  {
    name: 'synthesize',
    summary: 'produce exactly one release candidate',
    options: [
      { flags: '--agent <name>', description: 'the agent whose iteration to improve (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration (default: the latest)' },
      { flags: '--dry-run', description: 'print the patch and intent; write no git ref, worktree or store file' },
    ],
    load: () => import('./commands/synthesize.js'),
  },
  {
    name: 'gate',
    summary: 'decide on a release candidate from per-example flips (exit 0 accept, 10 reject, 11 inconclusive)',
    options: [
      { flags: '--agent <name>', description: 'the agent whose iteration to gate (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration (default: the latest)' },
      { flags: '--gate <policy>', description: 'gate policy under gates/, or a file (default: release.gate in agentdevel.yaml)' },
      { flags: '--baseline <runId>', description: "the baseline run, when another job made it (default: the iteration's)" },
      { flags: '--candidate <runId>', description: "the release candidate's run on the same examples, seed and sample range, when another job made it (e.g. merged shards)" },
    ],
    load: () => import('./commands/gate.js'),
  },
  {
    name: 'check',
    summary: 'gate a hand-made change or pull request: one version of an agent against another, with the release gate and report (exit 0 accept, 10 reject, 11 inconclusive); never moves the version line',
    options: [
      { flags: '--agent <name>', description: 'the agent (default: the only one)' },
      { flags: '--base <ref>', description: "the version to compare against (default: the version line's current version, else the merge base with the default branch)" },
      { flags: '--head <ref>', description: 'the version to check (default: the working tree as it is, uncommitted edits included)' },
      { flags: '--gate <policy>', description: 'gate policy under gates/, or a file (default: release.gate in agentdevel.yaml)' },
      { flags: '--suite <names...>', description: 'suites under specs/ (default: release.suites, else every suite)' },
      { flags: '--out <dir>', description: 'also copy the report (report.md, report.json, report.junit.xml, report.html) into this folder' },
    ],
    load: () => import('./commands/check.js'),
  },
  {
    name: 'promote',
    summary: 'promote a gated release candidate on the version line (branch, tag, ledger line, audit report)',
    options: [
      { flags: '--agent <name>', description: 'the agent (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration whose accepted RC to promote (default: the latest)' },
      { flags: '--from-check <check>', description: "promote a person's change an `agentdevel check` accepted: the check's folder (or what `check --out` wrote), its check.json, or its id" },
      { flags: '--head <ref>', description: "with --from-check: the commit holding the checked blueprint (default: the check's own commit, else HEAD)" },
      { flags: '--dry-run', description: 'check and plan everything, write nothing: no ref, tag, object, lock or store file' },
    ],
    load: () => import('./commands/promote.js'),
  },
  {
    name: 'record',
    summary: "record an iteration's outcome on the version line as the release loop does (accept promotes; reject, inconclusive and no candidate get their ledger line)",
    options: [
      { flags: '--agent <name>', description: 'the agent (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration to record (default: the latest)' },
      { flags: '--dry-run', description: 'check and plan everything, write nothing: no ref, tag, object, lock or store file' },
    ],
    load: () => import('./commands/record.js'),
  },
  {
    name: 'release',
    summary: 'run the whole release loop: run, critique, diagnose, synthesize, gate, promote, until a stop rule',
    options: [
      { flags: '--agent <name>', description: 'the agent to release (default: the only one)' },
      { flags: '--iterations <n>', description: 'most iterations (default: release.iterations in agentdevel.yaml)' },
      { flags: '--suite <names...>', description: 'suites under specs/ (default: release.suites, else every suite)' },
      { flags: '--gate <policy>', description: 'gate policy under gates/, or a file (default: release.gate)' },
      { flags: '--dry-run', description: 'one iteration, everything but git: nothing committed, tagged or moved' },
      { flags: '--demo', description: 'release the shipped support-bot in a fresh temp git repository on the simulated world' },
      { flags: '--abandon', description: 'end a release that was stopped before it finished (its begun iterations recorded as abandoned), instead of continuing it' },
    ],
    load: () => import('./commands/release.js'),
  },
  {
    name: 'study',
    summary: 'measure gate policies against the simulated world\'s ground truth: many release lines per noise level and policy; Markdown, JSON and HTML in the store',
    options: [
      { flags: '--agent <name>', description: 'the prompt agent (default: the only kind: prompt agent)' },
      { flags: '--suite <names...>', description: 'suites with sim: annotations (default: release.suites, else the shipped support-desk)' },
      { flags: '--gate <policies...>', description: 'gate policies under gates/ (or files) compared beside none, aggregate, flips-unconfirmed and default' },
      { flags: '--lines <n>', description: 'independent release lines per noise level (default: 20)' },
      { flags: '--iterations <n>', description: 'iterations per line (default: 10)' },
      { flags: '--seed <n>', description: 'seed of the first line; line i uses seed + i (default: 1)' },
      { flags: '--jobs <n>', description: 'lines run at once, in worker threads (default: 2)' },
      { flags: '--flaky <shares>', description: 'flaky-share levels, comma-separated (default: 0,0.08,0.2)' },
      { flags: '--reroll <shares>', description: 're-roll-rate levels, comma-separated (default: 0,0.03,0.1)' },
      { flags: '--grid', description: 'every flaky level with every re-roll level, instead of one factor at a time' },
    ],
    load: () => import('./commands/study.js'),
  },
  {
    name: 'report',
    summary: 'render an iteration\'s audit report: Markdown (PR body, job summary), JSON, JUnit XML or a self-contained HTML page',
    options: [
      { flags: '--agent <name>', description: 'the agent (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration (default: the latest)' },
      { flags: '--format <format>', description: 'md | json | junit | html', default: 'md' },
      { flags: '--out <file>', description: 'write the report to this file (atomically) instead of stdout' },
      { flags: '--limit <limit>', description: 'Markdown size limit: pr (65,536), summary (1 MiB) or a number of bytes', default: 'pr' },
      { flags: '--ledger <file>', description: "read the ledger from this file instead of the version branch's releases/<agent>/ledger.jsonl" },
    ],
    load: () => import('./commands/report.js'),
  },
  {
    name: 'ci',
    summary: 'GitHub Actions: the report into the job summary, annotations on P→F and flaky examples, step outputs (report); the iteration\'s plan as outputs (plan); a pull request\'s check: check-plan, check, and the sticky comment (comment)',
    args: ['[step]'],
    options: [
      { flags: '--agent <name>', description: 'the agent (default: the only one)' },
      { flags: '--iteration <n>', description: 'the iteration (default: the latest for report, the next one for plan)' },
      { flags: '--gate <policy>', description: 'plan: the gate policy the iteration uses, set as the output gate (default: release.gate)' },
      { flags: '--base <ref>', description: 'check-plan: the version a pull request is checked against (default as for `check`)' },
      { flags: '--dir <dir>', description: 'check: the folder `agentdevel check --out <dir>` wrote' },
      { flags: '--body <file>', description: 'comment: the Markdown of the sticky pull-request comment' },
      { flags: '--pr <number>', description: "comment: the pull request (default: the event's)" },
    ],
    load: () => import('./commands/ci.js'),
  },
];
