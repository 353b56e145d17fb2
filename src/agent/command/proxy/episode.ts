import type { Sampling } from '../../../config/index.js';
import type { LoadedExample, ToolEnvironment } from '../../../suite/types.js';
import type { EpisodeTrace } from '../../trace.js';

/** What the proxy needs of one episode to forward its calls and record them in its trace. */
export interface ProxyEpisode {
  trace: EpisodeTrace;
  sampleIndex: number;
  /** Fires when the episode ends or times out: calls still in flight are abandoned. */
  signal: AbortSignal;
  example: LoadedExample;
  tools: ToolEnvironment;
  sampling: Sampling | undefined;
  observationLimit: number;
  /**
   * The first fault on agentdevel's side a call of this episode met (the model endpoint
   * unreachable after retries, a harness bug): an episode that then fails is an `error`.
   */
  fault?: { code: string; message: string };
}
