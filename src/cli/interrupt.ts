/**
 * Runs a stage with a signal that aborts on the first SIGINT or SIGTERM, so the stage stops
 * cleanly (journals flushed, locks freed) instead of the process dying mid-write. The
 * listeners are removed when the stage ends.
 */
export async function withInterrupt<T>(stage: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await stage(controller.signal);
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}
