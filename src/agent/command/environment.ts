import type { CommandAgentConfig } from '../../config/index.js';

export interface EpisodePlaces {
  /** The episode's fresh working folder (also HOME and TMPDIR). */
  workDir: string;
  /** The read-only copy of the blueprint's files. */
  agentDir: string;
  /** The recording proxy's OpenAI base URL for this episode (`…/ep/<token>/v1`). */
  baseURL: string;
  toolsURL: string;
  token: string;
}

const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * The whole environment of a command agent: nothing is inherited but PATH, LANG and the names
 * its agent.yaml lists under `env:`. Its model credentials are the proxy's per-episode token,
 * never a real key. Also returns the listed names the parent does not have.
 */
export function commandEnvironment(config: CommandAgentConfig, places: EpisodePlaces, parent: NodeJS.ProcessEnv): { env: Record<string, string>; missing: string[] } {
  const env: Record<string, string> = {
    PATH: parent.PATH ?? DEFAULT_PATH,
    LANG: parent.LANG ?? 'C.UTF-8',
    // Python block-buffers a piped stdout; unbuffered, its event lines keep their place among its model calls in the trace.
    PYTHONUNBUFFERED: '1',
  };
  const missing: string[] = [];
  for (const name of config.env) {
    const value = parent[name];
    if (value === undefined) missing.push(name);
    else env[name] = value;
  }
  Object.assign(env, {
    HOME: places.workDir,
    TMPDIR: places.workDir,
    OPENAI_BASE_URL: places.baseURL,
    OPENAI_API_KEY: places.token,
    AGENTDEVEL_AGENT_DIR: places.agentDir,
    AGENTDEVEL_TOOLS_URL: places.toolsURL,
  });
  return { env, missing };
}
