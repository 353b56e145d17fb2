import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, beforeEach } from 'vitest';

/**
 * Collects the process warnings (MaxListenersExceededWarning and the like) emitted during each
 * test of the calling file. `seen()` waits two ticks first: Node emits warnings on a later tick.
 */
export function watchWarnings(): { seen(): Promise<string[]> } {
  let warnings: Error[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning);
  beforeEach(() => {
    warnings = [];
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });
  return {
    async seen() {
      await tick();
      await tick();
      return warnings.map((w) => `${w.name}: ${w.message}`);
    },
  };
}
