/**
 * Every user-facing failure is a code in this registry: a one-line message that names the
 * file, field or cause, and details that say how to fix it. The CLI prints `CODE message`
 * followed by the details and exits with the code's exit status.
 */

export const ExitCode = {
  ok: 0,
  internal: 1,
  badInput: 2,
  infrastructure: 3,
  gateRejected: 10,
  gateInconclusive: 11,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

interface ErrorDefinition {
  exit: ExitCode;
  /** What the user should do about it. */
  fix: string;
}

export const errorRegistry = {
  EUSAGE: { exit: ExitCode.badInput, fix: 'Run `agentdevel <command> --help` for the accepted flags and arguments.' },
  ECONFIG: { exit: ExitCode.badInput, fix: 'Correct the field named above; `agentdevel validate` lists every problem at once and `agentdevel schema` writes JSON Schemas your editor can check against.' },
  ECONFIG_NOT_FOUND: { exit: ExitCode.badInput, fix: 'Run `agentdevel init` to create agentdevel.yaml, or pass --config <file>.' },
  EYAML: { exit: ExitCode.badInput, fix: 'Fix the YAML syntax at the line and column given.' },
  EFILE: { exit: ExitCode.badInput, fix: 'Check that the path exists and is readable.' },
  EBLUEPRINT: { exit: ExitCode.badInput, fix: 'An agent folder may hold only regular files, folders and symlinks to files inside it; replace or remove the entry named above.' },
  EDUPLICATE_ID: { exit: ExitCode.badInput, fix: 'Give every example a unique id.' },
  ESCORER: { exit: ExitCode.badInput, fix: 'Check the scorer settings in the suite; a custom scorer module must export a function returning { pass, score, feedback }.' },
  ESECRET_MISSING: { exit: ExitCode.badInput, fix: 'Export the environment variable named by apiKeyEnv before running.' },
  EMODEL_UNREACHABLE: { exit: ExitCode.infrastructure, fix: 'Check that the inference server is running and reachable at the endpoint baseURL; `agentdevel serve` can start one.' },
  EMODEL_REQUEST: { exit: ExitCode.badInput, fix: 'The server refused the request as invalid; check the model name and sampling settings for this role.' },
  EMODEL_REPLY: { exit: ExitCode.infrastructure, fix: 'The server answered with something that is not a usable chat completion; check its logs and version.' },
  EENGINE_MISSING: { exit: ExitCode.infrastructure, fix: 'Install the inference engine named above, or point the endpoint at a running server.' },
  EENGINE_FAILED: { exit: ExitCode.infrastructure, fix: 'Read the server log printed above; the engine exited or never became ready.' },
  ECONFINE_UNAVAILABLE: { exit: ExitCode.infrastructure, fix: 'Install bubblewrap (`apt-get install bubblewrap`, `dnf install bubblewrap`) and allow unprivileged user namespaces (in a container: a seccomp profile that permits them), or remove `confine: files` from the agent.yaml to run it unconfined.' },
  ESTORE: { exit: ExitCode.infrastructure, fix: 'Check that the store directory is writable and the disk is not full.' },
  ERUN_MISMATCH: { exit: ExitCode.badInput, fix: 'Merge only shards of the same run: same blueprint, suites, model settings, seed and shard count.' },
  ERUN_INCOMPLETE: { exit: ExitCode.badInput, fix: 'Run the missing shards (or rerun the run to resume it) before merging or gating.' },
  ERUN_LOCKED: { exit: ExitCode.infrastructure, fix: 'Another agentdevel process is running the same run (same agent version, suites and settings); wait for it to finish, or stop it. A lock left by a killed process is taken over automatically.' },
  EHARNESS: { exit: ExitCode.infrastructure, fix: 'A fault of agentdevel\'s harness (a scorer that crashed, an agent runner that did not stop at its timeout), not of the agent: rerun with `agentdevel run --retry-errors`, and report it if it persists.' },
  ENOT_FOUND: { exit: ExitCode.badInput, fix: 'Check the name or id; list what exists in the store.' },
  ECRITIC_REPLY: { exit: ExitCode.infrastructure, fix: 'The critic model answered, but never in the critique JSON schema within critic.maxAttempts: check that its server enforces response_format json_schema, and raise its sampling.maxTokens if replies are cut; then rerun with --retry-errors.' },
  EPATCH: { exit: ExitCode.badInput, fix: 'The release candidate patch was refused; see the reason above.' },
  EGIT: { exit: ExitCode.infrastructure, fix: 'Check the repository state with `git status`.' },
  ENOT_GIT_REPO: { exit: ExitCode.badInput, fix: 'Make the folder a git repository and commit the agent: `git init && git add -A && git commit -m "agentdevel project"`, then rerun.' },
  EGIT_LOCKED: { exit: ExitCode.infrastructure, fix: 'Another git process or agentdevel release holds the lock; wait for it to finish, or remove a stale lock file if no process is running.' },
  EGIT_STATE: { exit: ExitCode.badInput, fix: 'Finish or abort the merge, rebase or cherry-pick in progress, then rerun.' },
  ELEDGER: { exit: ExitCode.infrastructure, fix: 'The release ledger is committed history: restore the line from git (`git log -p -- releases/<agent>/ledger.jsonl`) rather than editing it by hand, commit the repair on the version branch, then rerun.' },
  EPROMOTE_DECISION: { exit: ExitCode.badInput, fix: 'Only a release candidate the gate accepted is promoted: rerun `agentdevel gate` on the iteration, or start a new one with `agentdevel release`.' },
  EINTERRUPTED: { exit: ExitCode.infrastructure, fix: 'Rerun the same command: completed work is kept and it resumes.' },
  EDIAGNOSIS_INPUT: { exit: ExitCode.badInput, fix: 'Records come from `agentdevel run` and critiques from `agentdevel critique`; rerun the stage that wrote the file named above rather than editing it by hand.' },
  EGATE_INPUT: { exit: ExitCode.badInput, fix: 'The gate compares two runs of the same suites made by `agentdevel run` (and confirmation reruns of the same examples); rerun the stage that wrote the file named above rather than editing it by hand.' },
  EREPORT_INPUT: { exit: ExitCode.badInput, fix: 'A report is rendered from the files the stages wrote (gate.json, diagnosis.json, intent.json, critique.jsonl, the ledger); rerun the stage that wrote the file named above rather than editing it by hand.' },
  ECI_ENV: { exit: ExitCode.infrastructure, fix: 'Run `agentdevel ci` as a step of a GitHub Actions job, where the runner sets GITHUB_STEP_SUMMARY and GITHUB_OUTPUT to writable files; outside Actions unset GITHUB_ACTIONS and it prints what it would write.' },
  EGITHUB_API: { exit: ExitCode.infrastructure, fix: 'The GitHub REST API refused or failed the request: check that the job has `pull-requests: write` and passes GITHUB_TOKEN (the workflow\'s token) to the step, then rerun the job.' },
  EINIT_CONFLICT: { exit: ExitCode.badInput, fix: 'Move or delete the files listed, or rerun `agentdevel init --force` to overwrite them.' },
  EINTERNAL: { exit: ExitCode.internal, fix: 'This is a bug in agentdevel. Please report it with the command you ran and this output.' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorRegistry;

export class AgentdevelError extends Error {
  readonly code: ErrorCode;
  readonly details: string;
  readonly exitCode: ExitCode;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: string; data?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentdevelError';
    this.code = code;
    this.exitCode = errorRegistry[code].exit;
    this.details = options.details ?? errorRegistry[code].fix;
    this.data = options.data;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, details: this.details, exitCode: this.exitCode, ...(this.data ? { data: this.data } : {}) };
  }
}

/** Shorthand for throwing a registered error. */
export function fail(code: ErrorCode, message: string, options?: ConstructorParameters<typeof AgentdevelError>[2]): never {
  throw new AgentdevelError(code, message, options);
}

/** The user was already told what happened; the process should exit with this code and print nothing more. */
export class ExitError extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}

export function isAgentdevelError(error: unknown): error is AgentdevelError {
  return error instanceof AgentdevelError;
}
