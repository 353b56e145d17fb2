/**
 * Crash points for the crash-recovery tests: with AGENTDEVEL_KILL_AT=<point> the process kills
 * itself with SIGKILL there, as a power cut or `kill -9` would, leaving no chance to clean up.
 */
export type KillPoint = 'before-branch-move' | 'after-branch-move' | 'after-tag';

export function killPoint(point: KillPoint): void {
  if (process.env.AGENTDEVEL_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}
