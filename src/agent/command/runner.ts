/**
 * `kind: command` agents: any program, in any language.
 *
 * The contract a program follows (also in docs/agents.md):
 * - **stdin**: one JSON object, the task: `{ id, suite, input, task, tools, executeTools,
 *   rubric?, sampleIndex }` (see TaskPayload in protocol.ts). `task` is the input as the text of
 *   a user turn; `tools` are OpenAI function tools. The expected answer is never sent.
 * - **stdout**: optional trace events, one per line, `{"event": {"type": "log", "message": …}}`
 *   (types: log, tool_call {name, arguments, id?}, observation {name, content, toolCallId?},
 *   error {message, code?}); and the final output: the **last non-empty line** must be one JSON
 *   object, by convention `{"answer": …}` and, for function-calling suites, `"toolCalls": [{name,
 *   arguments}]`. Other lines are kept in the trace as `log` events.
 * - **model calls**: to `OPENAI_BASE_URL` with `OPENAI_API_KEY` (a per-episode token, never a
 *   real key), served by a recording proxy on loopback that forwards through the agent role's
 *   endpoint (cache, limiter, retries, usage) and records each call in the episode's trace.
 * - **tools** (suites that execute them): `POST $AGENTDEVEL_TOOLS_URL/<name>` with
 *   `{"arguments": {...}, "id"?: "<tool call id>"}` → `{"ok": true, "content": "…"}`.
 * - **environment**: PATH, LANG, PYTHONUNBUFFERED=1, HOME and TMPDIR (the episode's fresh
 *   working folder, also its cwd, removed afterwards), the variables above, `AGENTDEVEL_AGENT_DIR` (a read-only copy of
 *   the blueprint's files) and only the names listed under `env:` in agent.yaml. In `command`,
 *   a path starting with `./` is relative to the agent folder.
 * - **ending**: exit 0. A non-zero exit, a crash, a start failure, stdout over the limit, a
 *   missing or non-JSON final line, or the timeout (the whole process group is killed) is a
 *   `fail` with the reason and the stderr tail in the trace.
 * - **confinement** (`confine: files`): the program runs inside bubblewrap, writing only in its
 *   working folder and seeing neither the project, the store, HOME nor other episodes (confinement.ts).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandAgentConfig } from '../../config/index.js';
import { maskValue } from '../../core/secrets.js';
import { findBubblewrap, holdingLimit, strongestWrapper, type Wrapper } from '../../core/process/index.js';
import type { ModelClient, ModelLayer } from '../../llm/types.js';
import { EpisodeClock } from '../episode-clock.js';
import { outcomeOfError } from '../outcome.js';
import { OBSERVATION_LIMIT } from '../tool-format.js';
import { EpisodeTrace } from '../trace.js';
import type { AgentRunner, AgentRunnerOptions, Blueprint, EpisodeInput, EpisodeOutcome, EpisodeResult } from '../types.js';
import { confinedWrapper } from './confinement.js';
import { commandEnvironment } from './environment.js';
import { judgeProgram } from './judge.js';
import { runProgram } from './process.js';
import { StdoutReader, taskPayload } from './protocol.js';
import type { ProxyEpisode } from './proxy/episode.js';
import { RecordingProxy } from './proxy/server.js';
import { openSessionFolder } from './session-folder.js';
import { removeFolder, writeSnapshot } from './snapshot.js';

export const STDOUT_LIMIT_BYTES = 8 * 1024 * 1024;
export const STDERR_TAIL_BYTES = 8 * 1024;

export function createCommandRunner(blueprint: Blueprint, config: CommandAgentConfig, models: ModelLayer, options: AgentRunnerOptions = {}): AgentRunner {
  const client = models.client('agent');
  const tempRoot = options.tempRoot ?? tmpdir();
  const limits = {
    stdoutLimitBytes: options.stdoutLimitBytes ?? STDOUT_LIMIT_BYTES,
    stderrTailBytes: options.stderrTailBytes ?? STDERR_TAIL_BYTES,
    observationLimit: options.observationLimit ?? OBSERVATION_LIMIT,
  };
  const parentEnv = options.parentEnv ?? process.env;
  const bubblewrap = config.confine === 'files' ? () => findBubblewrap(parentEnv, `agent ${blueprint.name} asks for \`confine: files\``) : undefined;
  let setup: Promise<Setup> | undefined;
  const ready = () => (setup ??= prepare(blueprint, client, tempRoot, parentEnv, bubblewrap));

  async function play(input: EpisodeInput, clock: EpisodeClock, trace: EpisodeTrace): Promise<{ output: unknown; outcome: EpisodeOutcome }> {
    const { proxy, agentDir, sessionDir, wrapper, bwrap } = await ready();
    const workDir = await mkdtemp(join(sessionDir, 'episode-'));
    const episode: ProxyEpisode = { trace, sampleIndex: input.sampleIndex, signal: clock.signal, example: input.example, tools: input.tools, sampling: config.sampling, observationLimit: limits.observationLimit };
    const opened = proxy.open(episode);
    try {
      const { env, missing } = commandEnvironment(config, { workDir, agentDir, baseURL: opened.baseURL, toolsURL: opened.toolsURL, token: opened.token }, parentEnv);
      for (const name of missing) trace.log(`env: ${name} is listed in agent.yaml but not set in agentdevel's environment; not passed`);
      const [file, ...args] = config.command.map((arg) => (arg.startsWith('./') ? join(agentDir, arg) : arg)) as [string, ...string[]];
      const confined = bwrap && (await confinedWrapper({ bwrap, workDir, agentDir, tempRoot, hidden: options.hidden ?? [], program: file, env: { PATH: env.PATH, HOME: parentEnv.HOME, XDG_RUNTIME_DIR: parentEnv.XDG_RUNTIME_DIR } }));
      const reader = new StdoutReader(trace);
      const exit = await runProgram({
        file,
        args,
        cwd: workDir,
        env,
        stdin: JSON.stringify(taskPayload(input.example, input.tools, input.sampleIndex)),
        signal: clock.signal,
        abortReason: () => (clock.interrupted ? 'interrupted' : 'timeout'),
        stdoutLimitBytes: limits.stdoutLimitBytes,
        stderrTailBytes: limits.stderrTailBytes,
        onLine: reader.onLine,
        wrapper: confined || wrapper,
      });
      if (exit.stderrTail.trim() !== '') trace.log(`stderr (last ${limits.stderrTailBytes} bytes at most):\n${exit.stderrTail}`);
      return judgeProgram(exit, reader, { clock, fault: episode.fault, program: config.command[0] as string, stdoutLimitBytes: limits.stdoutLimitBytes });
    } finally {
      opened.close();
      await removeFolder(workDir);
    }
  }

  return {
    async preflight() {
      await bubblewrap?.();
    },
    async runEpisode(input: EpisodeInput): Promise<EpisodeResult> {
      const timeoutMs = Math.min(input.timeoutMs, config.timeoutMs ?? Number.POSITIVE_INFINITY);
      const clock = new EpisodeClock(timeoutMs, input.signal);
      const trace = new EpisodeTrace();
      let output: unknown = null;
      let outcome: EpisodeOutcome;
      try {
        ({ output, outcome } = await play(input, clock, trace));
      } catch (error) {
        outcome = outcomeOfError(error, clock);
      } finally {
        clock.stop();
      }
      if (outcome.status === 'completed') trace.final(output);
      else trace.error(outcome.reason, outcome.status === 'error' ? outcome.code : undefined);
      return maskValue({ output, trace: trace.events, usage: trace.usage, outcome });
    },
    async close() {
      if (!setup) return;
      const { proxy, sessionDir } = await setup.catch(() => ({ proxy: undefined, sessionDir: undefined }));
      await proxy?.close();
      if (sessionDir) await removeFolder(sessionDir);
    },
  };
}

interface Setup {
  proxy: RecordingProxy;
  /** This runner's temp folder: the snapshot and the episodes' working folders are inside. */
  sessionDir: string;
  agentDir: string;
  wrapper: Wrapper;
  /** The command that starts bwrap, under `confine: files`: each episode gets a wrapper of its own from it. */
  bwrap: string[] | undefined;
}

async function prepare(blueprint: Blueprint, client: ModelClient, tempRoot: string, parentEnv: NodeJS.ProcessEnv, bubblewrap: (() => Promise<string[]>) | undefined): Promise<Setup> {
  // Before anything is started: confinement asked for and unavailable fails every episode.
  const bwrap = await bubblewrap?.();
  const sessionDir = await openSessionFolder(tempRoot);
  const [proxy, agentDir, wrapper] = await Promise.all([RecordingProxy.start(client), writeSnapshot(blueprint, sessionDir), strongestWrapper(holdingLimit(parentEnv))]);
  return { proxy, sessionDir, agentDir, wrapper, bwrap };
}
