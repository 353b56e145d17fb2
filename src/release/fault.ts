/**
 * Crash points for the crash-recovery tests: with AGENTDEVEL_KILL_AT=<point>[@<iteration>] the
 * process kills itself with SIGKILL there, as a power cut or `kill -9` would, leaving no chance
 * to clean up (the release loop's points, src/release/loop/crash-points.ts, read the same variable).
 */
export type KillPoint = 'before-branch-move' | 'after-branch-move' | 'after-tag';

export function killPoint(point: KillPoint, iteration: number): void {
  const armed = /^([a-z-]+)(?:@(\d+))?$/.exec(process.env.AGENTDEVEL_KILL_AT ?? '');
  if (!armed || armed[1] !== point) return;
  if (armed[2] !== undefined && Number(armed[2]) !== iteration) return;
  process.kill(process.pid, 'SIGKILL');
}
