import type { ReleaseLine } from '../line.js';

/** The agent folder inside the repository (`agents/<a>`, or `<sub>/agents/<a>` when the project sits in a subfolder). */
export function agentPathOf(line: ReleaseLine): string {
  const suffix = `releases/${line.agent}`;
  return `${line.releasesPath.slice(0, line.releasesPath.length - suffix.length)}agents/${line.agent}`;
}
