/**
 * Runs a stage with a signal that aborts on the first SIGINT or SIGTERM, so the stage stops
 * cleanly (journals flushed, locks freed) and ends in EINTERRUPTED instead of the process dying
 * mid-write. A second signal stops at once. The listeners are removed when the stage ends.
 *
 * The listeners stay attached while the stage runs (`on`, not `once`): other handlers, such
 * as the release lock's, decide whether to kill the process themselves by counting the
 * listeners of the signal when it arrives, and a `once` listener is already gone by then.
 */
export async function withInterrupt<T>(stage: (signal: AbortSignal) => Promise<T>, notify: (message: string) => void = () => {}): Promise<T> {
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      notify(`${signal}: stopping once the work in flight is saved (again to stop at once)`);
      controller.abort(new Error('interrupted'));
      return;
    }
    detach();
    process.kill(process.pid, signal);
  };
  const detach = () => {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await stage(controller.signal);
  } finally {
    detach();
  }
}
